/**
 * The filter-expression grammar of Personalize, parsed into the form in `ast.ts`:
 *
 *   filter     := expression ('|' expression)*
 *   expression := (INCLUDE | EXCLUDE) ItemID WHERE condition ((AND | OR) condition)*
 *                 [IF user-cond (AND user-cond)*]
 *   condition  := (Items | Interactions | Users) '.' FIELD operator values
 *   user-cond  := CurrentUser '.' FIELD operator values
 *   operator   := IN | NOT IN | '=' | '!=' | '<' | '<=' | '>' | '>='
 *   values     := '(' value (',' value)* ')' | value       (one value after a comparison)
 *   value      := "quoted" | number | $PARAMETER | CurrentItem '.' FIELD | '*'
 *
 * Keywords, dataset and field names are matched in any case (a condition keeps its schema's
 * spelling of the field); parameter names exactly, as filterValues spells them. Interactions take only EVENT_TYPE with IN or NOT IN,
 * where `*` (or "*") means every event type. Every error is an InvalidInputException that names
 * the character it is about.
 */
import { findField, type DatasetSchema, type SchemaField } from '../data/avro-schema';
import {
  isMembership,
  isOrdering,
  literal,
  type FilterCondition,
  type FilterDataset,
  type FilterExpression,
  type FilterOperator,
  type FilterValue,
  type ParsedFilter,
} from './ast';
import { InvalidInputException } from '../api/errors';
import { describeToken, MAX_PARAMETERS, syntaxError, tokenize, type Token } from './tokens';

/** The group's schemas where its datasets exist; fields are checked against those given. */
export interface FilterSchemas {
  items?: DatasetSchema;
  users?: DatasetSchema;
}

export function parseFilterExpression(text: string, schemas: FilterSchemas = {}): ParsedFilter {
  const expressions = new Parser(tokenize(text), schemas).filter();
  const conditions = expressions.flatMap((e) => [...e.where.flat(), ...e.when]);
  const parameters = new Set(expressions.flatMap((e) => e.parameters));
  if (parameters.size > MAX_PARAMETERS) {
    throw new InvalidInputException(
      `Invalid filter expression: it has ${parameters.size} parameters; filterValues can give values to at most ${MAX_PARAMETERS}.`,
    );
  }
  return {
    expressions,
    reads: {
      interactions: conditions.some((c) => c.dataset === 'Interactions'),
      user: conditions.some((c) => c.dataset === 'Users' || c.dataset === 'CurrentUser'),
      currentItem: conditions.some((c) => c.values.some((v) => v.kind === 'current-item')),
    },
  };
}

const OPERATOR_SYMBOLS: readonly string[] = ['=', '!=', '<', '<=', '>', '>='];
const DATASETS: ReadonlyMap<string, FilterDataset> = new Map([
  ['ITEMS', 'Items'],
  ['INTERACTIONS', 'Interactions'],
  ['USERS', 'Users'],
]);
const NUMERIC_TYPES: readonly string[] = ['int', 'long', 'float', 'double'];
const SHOWN_FIELDS = 12;

/** A value with the token it was read from, for messages about it. */
interface Read {
  value: FilterValue;
  token: Token;
}

class Parser {
  private at = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly schemas: FilterSchemas,
  ) {}

  filter(): FilterExpression[] {
    const expressions = [this.expression()];
    while (this.takeSymbol('|')) expressions.push(this.expression());
    return expressions;
  }

  private expression(): FilterExpression {
    const start = this.next();
    const action = keyword(start);
    if (action !== 'INCLUDE' && action !== 'EXCLUDE') {
      throw syntaxError(start.position, `expected INCLUDE or EXCLUDE, ${describeToken(start)}`);
    }
    const target = this.next();
    if (keyword(target) !== 'ITEMID') {
      throw syntaxError(
        target.position,
        `expected ItemID after ${action} (Tailor filters items), ${describeToken(target)}`,
      );
    }
    const where = this.next();
    if (keyword(where) !== 'WHERE') {
      throw syntaxError(where.position, `expected WHERE after ItemID, ${describeToken(where)}`);
    }
    const first = this.condition();
    const groups: FilterCondition[][] = [[first]];
    for (let joiner = keyword(this.peek()); joiner === 'AND' || joiner === 'OR';) {
      this.at++;
      const next = this.condition();
      if (next.dataset !== first.dataset) {
        throw syntaxError(
          next.position,
          `AND and OR join conditions on one dataset (here ${first.dataset}); ` +
            `put ${next.dataset} conditions in an expression of their own, joined with |`,
        );
      }
      if (joiner === 'AND') groups[groups.length - 1].push(next);
      else groups.push([next]);
      joiner = keyword(this.peek());
    }
    const when = keyword(this.peek()) === 'IF' ? this.userConditions() : [];
    const follow = this.peek();
    if (follow.kind !== 'end' && !(follow.kind === 'symbol' && follow.text === '|')) {
      throw syntaxError(
        follow.position,
        `expected ${when.length ? 'AND' : 'AND, OR, IF'}, | or the end of the expression, ${describeToken(follow)}`,
      );
    }
    const parameters = new Set<string>();
    for (const condition of [...groups.flat(), ...when]) {
      for (const value of condition.values) {
        if (value.kind === 'parameter') parameters.add(value.name);
      }
    }
    return { action, where: groups, when, parameters: [...parameters] };
  }

  private condition(): FilterCondition {
    const token = this.next();
    const word = keyword(token);
    const dataset = word && DATASETS.get(word);
    if (dataset) return this.conditionOn(dataset, token);
    throw syntaxError(
      token.position,
      word === 'CURRENTUSER'
        ? 'CurrentUser conditions go after IF at the end of an expression, as in IF CurrentUser.AGE > 18'
        : word === 'CURRENTITEM'
          ? 'CurrentItem is a value for the right of a condition, as in Items.GENRE IN CurrentItem.GENRE'
          : `expected a condition on Items, Interactions or Users, ${describeToken(token)}`,
    );
  }

  /** After IF: CurrentUser conditions joined by AND. */
  private userConditions(): FilterCondition[] {
    const conditions: FilterCondition[] = [];
    do {
      this.at++;
      const token = this.next();
      if (keyword(token) !== 'CURRENTUSER') {
        throw syntaxError(
          token.position,
          `expected CurrentUser.FIELD after ${conditions.length ? 'AND' : 'IF'}, ${describeToken(token)}`,
        );
      }
      conditions.push(this.conditionOn('CurrentUser', token));
    } while (keyword(this.peek()) === 'AND');
    const or = this.peek();
    if (keyword(or) === 'OR') {
      throw syntaxError(or.position, 'IF conditions join with AND only');
    }
    return conditions;
  }

  private conditionOn(dataset: FilterDataset, start: Token): FilterCondition {
    const fieldToken = this.field(dataset);
    const subject = `${dataset}.${fieldToken.text}`;
    const operatorToken = this.peek();
    const operator = this.operator(subject);
    const reads = this.values(operator);
    const condition: FilterCondition = {
      dataset,
      field: fieldToken.text,
      operator,
      values: reads.map((read) => read.value),
      position: start.position,
    };
    if (dataset === 'Interactions') {
      return this.checkInteractions(condition, fieldToken, operatorToken, reads);
    }
    return this.checkValues(condition, fieldToken, operatorToken, reads);
  }

  private field(dataset: string): Token {
    const dot = this.next();
    if (dot.kind !== 'symbol' || dot.text !== '.') {
      throw syntaxError(dot.position, `expected . and a field name after ${dataset}`);
    }
    const field = this.next();
    if (field.kind !== 'word') {
      throw syntaxError(
        field.position,
        `expected a field name after ${dataset}., ${describeToken(field)}`,
      );
    }
    return field;
  }

  private operator(subject: string): FilterOperator {
    const token = this.next();
    const word = keyword(token);
    if (word === 'IN') return 'IN';
    if (word === 'NOT') {
      const inToken = this.next();
      if (keyword(inToken) !== 'IN') {
        throw syntaxError(inToken.position, `expected IN after NOT, ${describeToken(inToken)}`);
      }
      return 'NOT IN';
    }
    if (token.kind === 'symbol' && OPERATOR_SYMBOLS.includes(token.text)) {
      return token.text as FilterOperator;
    }
    throw syntaxError(
      token.position,
      `expected IN, NOT IN or a comparison after ${subject}, ${describeToken(token)}`,
    );
  }

  private values(operator: FilterOperator): Read[] {
    if (!this.takeSymbol('(')) return [this.value()];
    const reads = [this.value()];
    if (isMembership(operator)) {
      while (this.takeSymbol(',')) reads.push(this.value());
    }
    const close = this.next();
    if (close.kind !== 'symbol' || close.text !== ')') {
      throw syntaxError(
        close.position,
        isMembership(operator)
          ? `expected , or ) in the list of values, ${describeToken(close)}`
          : `expected ): ${operator} compares with one value, ${describeToken(close)}`,
      );
    }
    return reads;
  }

  private value(): Read {
    const token = this.next();
    if (token.kind === 'string' || token.kind === 'number') {
      return { value: literal(token.text), token };
    }
    if (token.kind === 'parameter')
      return { value: { kind: 'parameter', name: token.text }, token };
    if (token.kind === 'symbol' && token.text === '*') {
      return { value: { kind: 'any-event-type' }, token };
    }
    if (keyword(token) === 'CURRENTITEM') {
      const field = this.field('CurrentItem');
      const known = this.checkField('CurrentItem', field);
      return { value: { kind: 'current-item', field: known?.name ?? field.text }, token };
    }
    throw syntaxError(
      token.position,
      `expected a value: a "quoted" string, a number, a $PARAMETER or CurrentItem.FIELD, ${describeToken(token)}`,
    );
  }

  private checkInteractions(
    condition: FilterCondition,
    fieldToken: Token,
    operatorToken: Token,
    reads: readonly Read[],
  ): FilterCondition {
    if (condition.field.toUpperCase() !== 'EVENT_TYPE') {
      throw syntaxError(
        fieldToken.position,
        `Interactions conditions test only EVENT_TYPE, not ${condition.field}`,
      );
    }
    if (!isMembership(condition.operator)) {
      throw syntaxError(
        operatorToken.position,
        `Interactions.EVENT_TYPE takes IN or NOT IN, not ${condition.operator}`,
      );
    }
    const values = reads.map(({ value, token }): FilterValue => {
      if (value.kind === 'current-item') {
        throw syntaxError(token.position, 'an event type cannot be compared with CurrentItem');
      }
      // Personalize writes "every event type" as IN ("*").
      return value.kind === 'literal' && value.text === '*' ? { kind: 'any-event-type' } : value;
    });
    return { ...condition, field: 'EVENT_TYPE', values };
  }

  private checkValues(
    condition: FilterCondition,
    fieldToken: Token,
    operatorToken: Token,
    reads: readonly Read[],
  ): FilterCondition {
    const field = this.checkField(condition.dataset, fieldToken);
    const subject = `${condition.dataset}.${field?.name ?? condition.field}`;
    const numeric = field && NUMERIC_TYPES.includes(field.type);
    if (field && !numeric && isOrdering(condition.operator)) {
      throw syntaxError(
        operatorToken.position,
        `${subject} is a ${field.type} field; ${condition.operator} compares numbers`,
      );
    }
    for (const { value, token } of reads) {
      if (value.kind === 'any-event-type') {
        throw syntaxError(
          token.position,
          '* stands for every event type and goes only in Interactions.EVENT_TYPE IN (...)',
        );
      }
      if (value.kind !== 'literal' || !Number.isNaN(value.number)) continue;
      if (isOrdering(condition.operator)) {
        throw syntaxError(
          token.position,
          `${condition.operator} compares numbers, and ${token.raw} is not one`,
        );
      }
      if (numeric) {
        throw syntaxError(
          token.position,
          `${subject} is a ${field.type} field, and ${token.raw} is not a number`,
        );
      }
    }
    return field ? { ...condition, field: field.name } : condition;
  }

  /** The field in its dataset's schema, when the group has that dataset; undefined otherwise. */
  private checkField(dataset: string, token: Token): SchemaField | undefined {
    const [schema, type] =
      dataset === 'Items' || dataset === 'CurrentItem'
        ? [this.schemas.items, 'ITEMS']
        : [this.schemas.users, 'USERS'];
    if (!schema) return undefined;
    const field = findField(schema.fields, token.text);
    if (field) return field;
    const names = schema.fields.map((candidate) => candidate.name);
    const shown =
      names.slice(0, SHOWN_FIELDS).join(', ') + (names.length > SHOWN_FIELDS ? ', ...' : '');
    throw syntaxError(
      token.position,
      `the ${type} schema has no field ${token.text}; its fields are ${shown}`,
    );
  }

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    const token = this.tokens[this.at];
    // The end token stays put, so reading past the end keeps reporting the end.
    if (token.kind !== 'end') this.at++;
    return token;
  }

  private takeSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.text !== symbol) return false;
    this.at++;
    return true;
  }
}

/** A word in upper case, for matching keywords in any case; undefined for other tokens. */
function keyword(token: Token): string | undefined {
  return token.kind === 'word' ? token.text.toUpperCase() : undefined;
}
