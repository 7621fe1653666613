import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import { ConsoleLink } from '../components/links';

export function NotFoundPage() {
  return (
    <Box padding="l">
      <Header variant="h1">Nothing here</Header>
      <p>
        This page does not exist. <ConsoleLink to="/dataset-groups">Dataset groups</ConsoleLink>
      </p>
    </Box>
  );
}
