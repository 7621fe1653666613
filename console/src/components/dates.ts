/** Times as the user's locale writes them. */
export const shown = (date: Date | undefined): string => (date ? date.toLocaleString() : '-');
