/** A form's submission: busy while the API answers, its refusal kept to show, `done` on success. */
import { useState } from 'react';
import { describeError } from './notifications';

export function useSubmission<T>(submit: () => Promise<T>, done: (answer: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      done(await submit());
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };
  return { busy, error, run };
}
