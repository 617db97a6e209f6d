/** Environment variables from docker compose files and Kubernetes manifests. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEnvSources } from '../../server/src/service/env/readers';
import { isComposeFileName } from '../../server/src/service/env/yamlSources';

function vars(text: string, file: string): [string, string | undefined, string | undefined][] {
  return readEnvSources(text, file).flatMap((s) => s.variables.map((v) => [v.name, v.value, v.unknownReason] as [string, string | undefined, string | undefined]));
}

describe('compose files', () => {
  it('knows compose file names', () => {
    for (const name of ['docker-compose.yml', 'docker-compose.prod.yaml', 'compose.yaml', 'compose.override.yml', 'docker-compose-dev.yml']) {
      assert.equal(isComposeFileName(`/p/${name}`), true, name);
    }
    for (const name of ['config.yaml', 'values.yaml', 'composer.json']) assert.equal(isComposeFileName(`/p/${name}`), false, name);
  });

  it('environment as a map, with a value from the shell and one compose interpolates', () => {
    const text = [
      'services:',
      '  centrifugo:',
      '    image: centrifugo/centrifugo:v6',
      '    environment:',
      '      CENTRIFUGO_HTTP_SERVER_TLS_ENABLED: true',
      '      CENTRIFUGO_HTTP_SERVER_PORT: 8443',
      '      CENTRIFUGO_ADMIN_PASSWORD:',
      '      CENTRIFUGO_ADMIN_SECRET: ${SECRET}',
      '      CENTRIFUGO_LOG_LEVEL: "cost$$"',
      '  redis:',
      '    image: redis',
      '    environment:',
      '      CENTRIFUGO_NOT_OURS: x',
    ].join('\n');
    assert.deepEqual(vars(text, '/p/docker-compose.yml'), [
      ['CENTRIFUGO_HTTP_SERVER_TLS_ENABLED', 'true', undefined],
      ['CENTRIFUGO_HTTP_SERVER_PORT', '8443', undefined],
      ['CENTRIFUGO_ADMIN_PASSWORD', undefined, 'taken from the shell that runs compose, value unknown'],
      ['CENTRIFUGO_ADMIN_SECRET', undefined, 'compose fills in `${SECRET}` when it starts the service, value unknown'],
      ['CENTRIFUGO_LOG_LEVEL', 'cost$', undefined],
    ]);
  });

  it('environment as a list, env_file as a string, a list and objects; locations are exact', () => {
    const text = [
      'services:',
      '  app:',
      '    env_file:',
      '      - ./secrets/tls.env',
      '      - path: ./optional.env',
      '        required: false',
      '    environment:',
      '      - CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM=/certs/server.crt',
      '      - "CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM=/certs/server.key"',
      '      - CENTRIFUGO_FROM_SHELL',
    ].join('\n');
    const [source] = readEnvSources(text, '/p/compose.yaml');
    assert.ok(source);
    assert.equal(source.scope, 'app', 'a lone service is taken as Centrifugo');
    assert.deepEqual(source.envFiles, [
      { path: '/p/secrets/tls.env', required: true, line: 3 },
      { path: '/p/optional.env', required: false, line: 4 },
    ]);
    const [cert, key, shell] = source.variables;
    assert.equal(text.slice(cert!.nameStart, cert!.nameEnd), 'CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM');
    assert.equal(text.slice(cert!.valueStart, cert!.valueEnd), '/certs/server.crt');
    assert.equal(cert!.line, 7);
    assert.equal(text.slice(key!.nameStart, key!.nameEnd), 'CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM');
    assert.equal(key!.value, '/certs/server.key');
    assert.equal(text.slice(key!.valueStart, key!.valueEnd), '/certs/server.key');
    assert.equal(shell!.value, undefined);
  });

  it('several services and none named centrifugo: nothing is guessed', () => {
    assert.deepEqual(vars('services:\n  a:\n    environment: {X: 1}\n  b:\n    environment: {Y: 2}\n', '/p/compose.yml'), []);
  });

  it('broken YAML is a located problem, not a crash', () => {
    const [source] = readEnvSources('services:\n  a: [\n', '/p/compose.yml');
    assert.ok(source?.problem);
    assert.match(source.problem.message, /^Not valid YAML/);
  });
});

describe('Kubernetes manifests', () => {
  const manifest = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: unrelated}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: sidecar',
    '          image: envoy',
    '          env: [{name: CENTRIFUGO_SIDECAR, value: "no"}]',
    '        - name: centrifugo',
    '          image: centrifugo/centrifugo:v6.9.1',
    '          envFrom:',
    '            - secretRef: {name: centrifugo-secrets}',
    '            - configMapRef: {name: centrifugo-env}',
    '              prefix: CENTRIFUGO_',
    '          env:',
    '            - name: CENTRIFUGO_HTTP_SERVER_TLS_ENABLED',
    '              value: "true"',
    '            - name: CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM',
    '              valueFrom:',
    '                secretKeyRef: {name: tls, key: tls.key}',
    '            - name: BASE',
    '              value: /certs',
    '            - name: CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM',
    '              value: $(BASE)/tls.crt',
  ].join('\n');

  it('env with value and valueFrom, dependent $(VAR), only the Centrifugo container', () => {
    assert.deepEqual(vars(manifest, '/p/deploy.yaml'), [
      ['CENTRIFUGO_HTTP_SERVER_TLS_ENABLED', 'true', undefined],
      ['CENTRIFUGO_HTTP_SERVER_TLS_KEY_PEM', undefined, 'set from Secret `tls` (key `tls.key`), value unknown'],
      ['BASE', '/certs', undefined],
      ['CENTRIFUGO_HTTP_SERVER_TLS_CERT_PEM', '/certs/tls.crt', undefined],
    ]);
  });

  it('envFrom is shown as names it may set, values unknown', () => {
    const [source] = readEnvSources(manifest, '/p/deploy.yaml');
    assert.deepEqual(source?.opaque.map((o) => [o.description, o.prefix, o.line]), [
      ['every key of Secret `centrifugo-secrets`, values unknown', '', 16],
      ['every key of ConfigMap `centrifugo-env` with prefix `CENTRIFUGO_`, values unknown', 'CENTRIFUGO_', 17],
    ]);
  });

  it('YAML that is neither compose nor Kubernetes has no env sources', () => {
    assert.deepEqual(readEnvSources('http_server:\n  port: 8000\n', '/p/config.yaml'), []);
  });
});
