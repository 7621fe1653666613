/** A field's value in a record: a cell of an imported row, a property of PutItems or PutUsers. */
export type FieldValue = string | number | boolean | null;
