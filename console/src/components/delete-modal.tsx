/** Deleting a resource after the user confirms; the API's refusal (still in use, training) shows in the dialog. */
import Box from '@cloudscape-design/components/box';
import { FormModal } from './form-modal';

export function DeleteModal({
  kind,
  name,
  remove,
  onClose,
}: {
  /** What the resource is: `campaign`, `recommender`. */
  kind: string;
  name: string;
  remove: () => Promise<unknown>;
  onClose: (deleted: boolean) => void;
}) {
  return (
    <FormModal
      title={`Delete ${kind} ${name}`}
      submitText="Delete"
      valid
      submit={remove}
      onClose={onClose}
    >
      <Box>
        Delete the {kind} <b>{name}</b>? Applications asking it for recommendations will be refused.
        This cannot be undone.
      </Box>
    </FormModal>
  );
}
