import * as shape from '../../api/shapes';

export const minProvisionedTPS = () => shape.integer(1);
