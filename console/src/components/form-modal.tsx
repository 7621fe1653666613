/**
 * A small form in a dialog (create, update, or a confirmation): the API's refusal shows in it,
 * success closes it.
 */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';
import { useSubmission } from './submission';

export function FormModal({
  title,
  submitText = 'Create',
  valid,
  submit,
  onClose,
  children,
}: {
  title: string;
  /** The submit button's text. */
  submitText?: string;
  valid: boolean;
  submit: () => Promise<unknown>;
  /** Whether the submit succeeded. */
  onClose: (done: boolean) => void;
  children: ReactNode;
}) {
  const { busy, error, run: onSubmit } = useSubmission(submit, () => onClose(true));
  return (
    <Modal
      visible
      header={title}
      onDismiss={() => onClose(false)}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={() => onClose(false)}>
              Cancel
            </Button>
            <Button
              variant="primary"
              loading={busy}
              disabled={!valid}
              onClick={() => void onSubmit()}
            >
              {submitText}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <Form errorText={error}>
        <SpaceBetween size="m">{children}</SpaceBetween>
      </Form>
    </Modal>
  );
}
