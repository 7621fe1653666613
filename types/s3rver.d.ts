declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string }[];
  }
  class S3rver {
    constructor(options: S3rverOptions);
    configureBuckets(): Promise<void>;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
  export = S3rver;
}

declare module 's3rver/lib/models/account' {
  class AWSAccount {
    static registry: Map<string, AWSAccount>;
    static DUMMY_ACCOUNT: AWSAccount;
  }
  export = AWSAccount;
}
