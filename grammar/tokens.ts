// The token vocabulary. The lexer (lexer.ts) is hand-written, so every pattern is NA: the
// types exist for the chevrotain parser and for messages. Each has a LABEL, so that an error
// reads "Expected '}'" and never names a class. Keywords belong to the Name category: they
// stay usable as keys, words and names (`oauth token`, `{ messages: … }`).
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { topLevelKeywords as topLevelKeywordWords, type Keyword } from '../language/keywords.js';

function token(name: string, label: string, categories?: TokenType[]): TokenType {
  // (chevrotain reads a present-but-undefined `categories` as a list.)
  return createToken(categories ? { name, pattern: Lexer.NA, label, categories } : { name, pattern: Lexer.NA, label });
}

export const Name = token('Name', 'a name');
export const Ident = token('Ident', 'a name', [Name]);

export const Device = token('Device', "'device'", [Name]);
export const Secret = token('Secret', "'secret'", [Name]);
export const Octoprint = token('Octoprint', "'octoprint'", [Name]);
export const Webcam = token('Webcam', "'webcam'", [Name]);
export const Messages = token('Messages', "'messages'", [Name]);
export const Status = token('Status', "'status'", [Name]);
export const OAuth = token('OAuth', "'oauth'", [Name]);
export const Hook = token('Hook', "'hook'", [Name]);
export const On = token('On', "'on'", [Name]);
export const Printer = token('Printer', "'printer'", [Name]);
export const From = token('From', "'from'", [Name]);
export const Every = token('Every', "'every'", [Name]);
export const True = token('True', "'true'", [Name]);
export const False = token('False', "'false'", [Name]);
export const Null = token('Null', "'null'", [Name]);
export const Timezone = token('Timezone', "'timezone'", [Name]);
export const Quiet = token('Quiet', "'quiet'", [Name]);
export const When = token('When', "'when'", [Name]);
export const And = token('And', "'and'", [Name]);
export const Or = token('Or', "'or'", [Name]);
export const Not = token('Not', "'not'", [Name]);
export const In = token('In', "'in'", [Name]);
export const Contains = token('Contains', "'contains'", [Name]);
export const Matches = token('Matches', "'matches'", [Name]);
export const Except = token('Except', "'except'", [Name]);
export const Off = token('Off', "'off'", [Name]);

export const LCurly = token('LCurly', "'{'");
export const RCurly = token('RCurly', "'}'");
export const LBracket = token('LBracket', "'['");
export const RBracket = token('RBracket', "']'");
export const Colon = token('Colon', "':'");
export const Comma = token('Comma', "','");
export const Semicolon = token('Semicolon', "';'");
export const Percent = token('Percent', "'%'");
export const LParen = token('LParen', "'('");
export const RParen = token('RParen', "')'");
/** The comparison operators of a condition; the image says which. */
export const CompareOp = token('CompareOp', "an operator ('==', '!=', '<', '<=', '>' or '>=')");

/** Payload: the StringNode. */
export const StringLit = token('StringLit', 'a string');
/** Payload: the NumberNode. */
export const NumberLit = token('NumberLit', 'a number');
/** Payload: the DurationNode. */
export const DurationLit = token('DurationLit', 'a duration');
/** Payload: the SizeNode. */
export const SizeLit = token('SizeLit', 'a size');
/** Payload: the ByteSizeNode (`5MB`). */
export const ByteSizeLit = token('ByteSizeLit', 'a byte size');
/** Payload: the TimeRangeNode (`23:00-07:00`). */
export const TimeRangeLit = token('TimeRangeLit', 'a time range (23:00-07:00)');
/** Payload: the ParamNode, or undefined when the parameter was unreadable (already reported). */
export const ParamTok = token('ParamTok', 'a parameter');

const keywordTokens: Readonly<Record<Keyword, TokenType>> = {
  device: Device,
  secret: Secret,
  octoprint: Octoprint,
  webcam: Webcam,
  messages: Messages,
  status: Status,
  oauth: OAuth,
  hook: Hook,
  printer: Printer,
  on: On,
  from: From,
  every: Every,
  true: True,
  false: False,
  null: Null,
  timezone: Timezone,
  quiet: Quiet,
  when: When,
  and: And,
  or: Or,
  not: Not,
  in: In,
  contains: Contains,
  matches: Matches,
  except: Except,
  off: Off,
};

export const keywords: ReadonlyMap<string, TokenType> = new Map(Object.entries(keywordTokens));

/** The keywords that start a top-level declaration. */
export const topLevelKeywords: ReadonlySet<TokenType> = new Set(topLevelKeywordWords.map((k) => keywordTokens[k]));

export const allTokens: TokenType[] = [
  Name, Ident,
  Device, Secret, Octoprint, Webcam, Messages, Status, OAuth, Hook, On, Every, Printer, From, True, False, Null,
  Timezone, Quiet, When, And, Or, Not, In, Contains, Matches, Except, Off,
  LCurly, RCurly, LBracket, RBracket, Colon, Comma, Semicolon, Percent, LParen, RParen, CompareOp,
  StringLit, NumberLit, DurationLit, SizeLit, ByteSizeLit, TimeRangeLit, ParamTok,
];

// Parentheses nest like braces (a condition's groups), so the depth guard bounds them too.
export const openers: ReadonlySet<TokenType> = new Set([LCurly, LBracket, LParen]);
export const closers: ReadonlySet<TokenType> = new Set([RCurly, RBracket, RParen]);

/** Offset just after the token (its image is exactly its source text). */
export function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}
