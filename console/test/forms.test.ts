/** The checks forms make as the user types, before the API decides. */
import { describe, expect, it } from 'vitest';
import { roleArnError, s3PathError, wholeNumberError } from '../src/components/form-page';

describe('s3PathError', () => {
  it('passes an object or a folder in a bucket, and nothing typed yet', () => {
    expect(s3PathError('s3://bucket/input.json')).toBeUndefined();
    expect(s3PathError('s3://bucket/out/')).toBeUndefined();
    expect(s3PathError('')).toBeUndefined();
  });

  it('refuses a path without the scheme or without a key', () => {
    expect(s3PathError('bucket/input.json')).toMatch(/^An S3 URL/);
    expect(s3PathError('s3://bucket')).toMatch(/^An S3 URL/);
  });
});

describe('roleArnError', () => {
  it('passes an IAM role ARN, with a path or without', () => {
    expect(roleArnError('arn:aws:iam::123456789012:role/PersonalizeS3')).toBeUndefined();
    expect(roleArnError('arn:aws:iam::123456789012:role/service/Personalize')).toBeUndefined();
  });

  it('refuses a user ARN and an account of the wrong length', () => {
    expect(roleArnError('arn:aws:iam::123456789012:user/me')).toMatch(/^An IAM role ARN/);
    expect(roleArnError('arn:aws:iam::1234:role/r')).toMatch(/^An IAM role ARN/);
  });
});

describe('wholeNumberError', () => {
  it('passes a whole number at least the minimum', () => {
    expect(wholeNumberError('1', 1)).toBeUndefined();
    expect(wholeNumberError('250', 1)).toBeUndefined();
  });

  it.each(['0', '', '1.5', '-2', 'ten'])('refuses %j', (value) => {
    expect(wholeNumberError(value, 1)).toBe('A whole number, at least 1.');
  });
});
