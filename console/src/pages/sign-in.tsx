/**
 * Credentials for an API that checks signatures: a key Tailor issued (npm run keys) or temporary
 * AWS credentials. They stay in this tab's session storage, gone when the tab closes.
 */
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { Credentials } from '../api/clients';

const KEY = 'tailor-console-credentials';

export function storedCredentials(): Credentials | undefined {
  const stored = sessionStorage.getItem(KEY);
  return stored ? (JSON.parse(stored) as Credentials) : undefined;
}

export const forgetCredentials = (): void => sessionStorage.removeItem(KEY);

export function SignIn({ onSignIn }: { onSignIn: (credentials: Credentials) => void }) {
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const [sessionToken, setSessionToken] = useState('');
  const submit = () => {
    const credentials = {
      accessKeyId: accessKeyId.trim(),
      secretAccessKey: secretAccessKey.trim(),
      ...(sessionToken.trim() ? { sessionToken: sessionToken.trim() } : {}),
    };
    sessionStorage.setItem(KEY, JSON.stringify(credentials));
    onSignIn(credentials);
  };
  return (
    <div style={{ maxWidth: 560, margin: '64px auto' }}>
      <form onSubmit={(event) => (event.preventDefault(), submit())}>
        <Form
          header={<Header variant="h1">Sign in to Tailor</Header>}
          actions={
            <Button variant="primary" disabled={!accessKeyId || !secretAccessKey}>
              Sign in
            </Button>
          }
        >
          <Container>
            <SpaceBetween size="m">
              <FormField
                label="Access key ID"
                description="A key from npm run keys, or an AWS access key."
              >
                <Input
                  value={accessKeyId}
                  onChange={({ detail }) => setAccessKeyId(detail.value)}
                />
              </FormField>
              <FormField label="Secret access key">
                <Input
                  type="password"
                  value={secretAccessKey}
                  onChange={({ detail }) => setSecretAccessKey(detail.value)}
                />
              </FormField>
              <FormField label="Session token" description="Only for temporary AWS credentials.">
                <Input
                  value={sessionToken}
                  onChange={({ detail }) => setSessionToken(detail.value)}
                />
              </FormField>
            </SpaceBetween>
          </Container>
        </Form>
      </form>
    </div>
  );
}
