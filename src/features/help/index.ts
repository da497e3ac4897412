/** The help card: every registered command, in the caller's language. */
export { helpFeature } from './help-feature';
