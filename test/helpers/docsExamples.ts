/** The three JSON examples of the public TLS documentation page, exactly as users paste them. */
export const DOC_TLS = `{
  "tls": {
    "enabled": true,
    "key_pem_file": "server.key",
    "cert_pem_file": "server.crt"
  }
}`;

export const DOC_AUTOCERT = `{
  "tls_autocert": {
    "enabled": true,
    "host_whitelist": "www.example.com",
    "cache_dir": "/tmp/certs",
    "email": "user@example.com",
    "http": true,
    "http_addr": ":80"
  }
}`;

export const DOC_UNIFIED_PROXY = `{
  "unified_proxy": {
    "grpc": {
      "tls": {
        "enabled": true,
        "cert_pem_file": "/path/to/cert.pem",
        "key_pem_file": "/path/to/key.pem"
      }
    }
  }
}`;
