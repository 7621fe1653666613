declare module 's3rver/lib/models/error' {
  /** S3's error document: Code, Message and detail elements, with the status S3 gives the code. */
  class S3Error extends Error {
    constructor(code: string, message: string, detail?: Record<string, string>);
    code: string;
    status: number;
    headers: Record<string, string>;
    toXML(): string;
  }
  export = S3Error;
}
