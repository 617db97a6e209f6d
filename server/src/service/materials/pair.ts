/** The pair rule is part of the load plan, in the model; materials and features import it from here as before. */
export { loadedPair, type LoadedPair, sourceInUse } from '../model/pairs';
