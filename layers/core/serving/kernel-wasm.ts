/**
 * assembly/kernel.ts compiled by asc as assembly/asconfig.json says, in base64: a module, not a
 * file beside the code, so a bundled Lambda function carries it. A test rebuilds and compares it;
 * to rebuild: npx asc --config layers/core/serving/assembly/asconfig.json --outFile kernel.wasm,
 * then base64 -w0 kernel.wasm.
 */
export const KERNEL_WASM_BASE64 =
  'AGFzbQEAAAABCQFgBX9/f39/AAISAQNlbnYGbWVtb3J5AgEBgIAEAwIBAAcTAgZzY29yZXMAAAZtZW1vcnkCAArsAQHpAQIEfwJ7IAAhBgNAIAQgB0oEQP0MAAAAAAAAAAAAAAAAAAAAACEJ/QwAAAAAAAAAAAAAAAAAAAAAIQpBACEAA0AgAEEgaiIFIAFNBEAgCSAAIAZqIgj9AAQAIAAgAmoiAP0ABAD95gH95AEhCSAKIAj9AAQQIAD9AAQQ/eYB/eQBIQogBSEADAELCyADIAdBAnRqIAAgAUkEeyAJIAAgBmr9AAQAIAAgAmr9AAQA/eYB/eQBBSAJCyAK/eQBIgn9HwAgCf0fAZIgCf0fAiAJ/R8DkpI4AgAgASAGaiEGIAdBAWohBwwBCwsL';
