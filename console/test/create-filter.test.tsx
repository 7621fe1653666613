/** The filter form checks its expression as it is typed, with the service's own parser. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { createClients, UNCHECKED_CREDENTIALS } from '../src/api/clients';
import { ClientsContext } from '../src/api/context';
import { CreateFilterModal, expressionError } from '../src/components/create-filter';

afterEach(cleanup);

describe('expressionError', () => {
  it('passes a valid expression, and names what is wrong with an invalid one', () => {
    expect(
      expressionError('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")', {}),
    ).toBeUndefined();
    expect(expressionError('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE', {})).toMatch(
      /^Invalid filter expression/,
    );
  });

  it('checks field names against the group’s Items schema', () => {
    const items = {
      fields: [
        { name: 'ITEM_ID', type: 'string' as const, nullable: false, categorical: false },
        { name: 'GENRES', type: 'string' as const, nullable: true, categorical: true },
      ],
    };
    const schemas = { items } as unknown as Parameters<typeof expressionError>[1];

    expect(
      expressionError('INCLUDE ItemID WHERE Items.GENRES IN ("drama")', schemas),
    ).toBeUndefined();
    expect(expressionError('INCLUDE ItemID WHERE Items.COLOUR IN ("red")', schemas)).toMatch(
      /COLOUR/,
    );
  });
});

describe('CreateFilterModal', () => {
  it('shows the error as the expression is typed and enables Create once it parses', async () => {
    const clients = createClients(
      { region: 'us-east-1', signIn: false, endpoint: 'http://127.0.0.1:9' },
      UNCHECKED_CREDENTIALS,
    );
    const { container } = render(
      <ClientsContext.Provider value={clients}>
        <QueryClientProvider client={new QueryClient()}>
          <CreateFilterModal
            datasetGroupArn="arn:aws:personalize:us-east-1:1:dataset-group/g"
            datasets={[]}
            onClose={() => undefined}
          />
        </QueryClientProvider>
      </ClientsContext.Provider>,
    );
    const modal = createWrapper(container.ownerDocument.body).findModal()!;
    const content = modal.findContent();
    const create = modal
      .findFooter()!
      .findAllButtons()
      .find((button) => button.getElement().textContent === 'Create')!;
    const typed = (expression: string) => {
      content.findTextarea()!.setTextareaValue(expression);
      return content.getElement().textContent;
    };

    content.findInput()!.setInputValue('unseen');

    expect(typed('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE')).toMatch(
      /Invalid filter expression/,
    );
    expect(create.isDisabled()).toBe(true);
    expect(typed('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")')).not.toMatch(
      /Invalid/,
    );
    expect(create.isDisabled()).toBe(false);
  });
});
