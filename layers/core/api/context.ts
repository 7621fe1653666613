import type { Place } from '../resources/arn';
import type { MetadataStore } from '../store/ports';

/** Everything an operation may touch, handed in by the adapter (Lambda or local server). */
export interface Context {
  place: Place;
  metadata: MetadataStore;
  /** Keys the HMAC that seals nextTokens. */
  tokenKey: string;
  now(): number;
}
