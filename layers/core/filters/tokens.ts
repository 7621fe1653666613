/**
 * Splits a filter expression into tokens, each with the 1-based character it starts at, so every
 * error can point at the place it is about.
 */
import { InvalidInputException, type ServiceError } from '../api/errors';

export type TokenKind = 'word' | 'string' | 'number' | 'parameter' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** A word or symbol as written, a string's decoded value, a number's text, a parameter's name. */
  text: string;
  /** The source text of the token, for messages. */
  raw: string;
  position: number;
}

/**
 * A parameter gets its value from the runtime's filterValues, whose keys (the model's
 * FilterAttributeName) have at most 50 characters and which holds at most 25 entries: a filter
 * needing more could never be given its values.
 */
export const MAX_PARAMETER_NAME_LENGTH = 50;
export const MAX_PARAMETERS = 25;

export const syntaxError = (position: number, message: string): ServiceError =>
  new InvalidInputException(`Invalid filter expression at character ${position}: ${message}.`);

// Sticky patterns match at lastIndex only, so scanning never copies the rest of the input.
const SPACE = /\s+/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const PARAMETER = /\$([A-Za-z0-9_]+)/y;
const SYMBOLS = ['!=', '<=', '>=', '(', ')', ',', '.', '|', '*', '=', '<', '>'];

function match(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, value: string, end: number) => {
    tokens.push({ kind, text: value, raw: text.slice(at, end), position: at + 1 });
    at = end;
  };
  while (at < text.length) {
    const space = match(SPACE, text, at);
    if (space) {
      at += space[0].length;
      continue;
    }
    const char = text[at];
    if (char === '"') {
      const [value, end] = readString(text, at);
      push('string', value, end);
      continue;
    }
    if (char === '$') {
      const parameter = match(PARAMETER, text, at);
      if (!parameter) {
        throw syntaxError(at + 1, 'expected a parameter name of letters, digits or _ after $');
      }
      const name = parameter[1]!;
      if (name.length > MAX_PARAMETER_NAME_LENGTH) {
        throw syntaxError(
          at + 1,
          `the parameter name ${name.slice(0, MAX_PARAMETER_NAME_LENGTH)}… is ${name.length} characters long; filterValues keys, which give parameters their values, have at most ${MAX_PARAMETER_NAME_LENGTH}`,
        );
      }
      push('parameter', name, at + parameter[0].length);
      continue;
    }
    const number = /[-\d]/.test(char) ? match(NUMBER, text, at) : null;
    if (number) {
      push('number', number[0], at + number[0].length);
      continue;
    }
    const word = match(WORD, text, at);
    if (word) {
      push('word', word[0], at + word[0].length);
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, at));
    if (!symbol) throw syntaxError(at + 1, `unexpected character ${JSON.stringify(char)}`);
    push('symbol', symbol, at + symbol.length);
  }
  tokens.push({ kind: 'end', text: '', raw: '', position: text.length + 1 });
  return tokens;
}

/** A double-quoted string from `start`; a backslash keeps the next character as it is. */
function readString(text: string, start: number): [string, number] {
  let value = '';
  for (let at = start + 1; at < text.length; at++) {
    const char = text[at];
    if (char === '"') return [value, at + 1];
    if (char === '\\') {
      at++;
      if (at === text.length) break;
      value += text[at];
    } else {
      value += char;
    }
  }
  throw syntaxError(start + 1, 'this string has no closing "');
}

/** A token as a message shows it: `found "WHEN"`. */
export function describeToken(token: Token): string {
  if (token.kind === 'end') return 'found the end of the expression';
  const raw = token.raw.length > 40 ? `${token.raw.slice(0, 37)}...` : token.raw;
  return `found ${token.kind === 'string' ? raw : JSON.stringify(raw)}`;
}
