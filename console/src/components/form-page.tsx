/** A creation form: its fields, a submit that shows the API's refusal, and a way back. */
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSubmission } from './submission';

export function FormPage({
  title,
  description,
  submitText,
  valid,
  back,
  submit,
  children,
}: {
  title: string;
  description?: string;
  submitText: string;
  valid: boolean;
  /** Where Cancel goes. */
  back: string;
  /** Creates; answers where to go next. */
  submit: () => Promise<string>;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const { busy, error, run: onSubmit } = useSubmission(submit, (to) => navigate(to));
  return (
    <form onSubmit={(event) => (event.preventDefault(), void onSubmit())}>
      <Form
        header={
          <Header variant="h1" description={description}>
            {title}
          </Header>
        }
        errorText={error}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={() => navigate(back)}>
              Cancel
            </Button>
            <Button variant="primary" loading={busy} disabled={!valid}>
              {submitText}
            </Button>
          </SpaceBetween>
        }
      >
        <Container>
          <SpaceBetween size="l">{children}</SpaceBetween>
        </Container>
      </Form>
    </form>
  );
}

/** Personalize's resource names: what its API takes (the error text says why not). */
export function nameError(name: string): string | undefined {
  if (name === '') return undefined;
  if (name.length > 63) return 'At most 63 characters.';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(name)) {
    return 'Letters, digits, hyphens and underscores, starting with a letter or digit.';
  }
  return undefined;
}

/** An S3 location as the job APIs take it: `s3://bucket/key` or `s3://bucket/folder/`. */
export function s3PathError(path: string): string | undefined {
  if (path === '' || /^s3:\/\/[^/]+\/.*/.test(path)) return undefined;
  return 'An S3 URL: s3://bucket/key or s3://bucket/folder/';
}

/** The IAM role a job assumes, in the form its API checks. */
export function roleArnError(arn: string): string | undefined {
  if (arn === '' || /^arn:[a-z\d-]+:iam::\d{12}:role\/?[\w+=,.@/-]+$/.test(arn)) return undefined;
  return 'An IAM role ARN: arn:aws:iam::123456789012:role/name';
}

/** A whole number of at least `min`, as the TPS and request-rate settings take. */
export function wholeNumberError(value: string, min: number): string | undefined {
  if (/^\d+$/.test(value) && Number(value) >= min) return undefined;
  return `A whole number, at least ${min}.`;
}
