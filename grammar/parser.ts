// The chevrotain grammar. One instance is built at module level (grammar analysis is the
// expensive part) and reused: `parseItem` parses one top-level item from its tokens.
//
//   device    := 'device' value          secret := 'secret' value
//   block     := ('octoprint' | 'webcam' | 'messages' | 'status') object
//   oauth     := 'oauth' NAME object
//   printer   := 'printer' NAME object
//   hook      := 'hook' NAME ('on' (trigger (','? trigger)* ','?)?)? from? object   -- a missing or stray ',' is reported
//   from      := 'from' NAME (','? NAME)*
//   trigger   := NAME ('every' NUMBER '%')?
//   object    := '{' (entry (',' | ';')? | stray separator)* '}'
//   entry     := (NAME | STRING) ':'? value      -- value on the key's line unless ':' or '{'/'['
//   array     := '[' (value ','? | stray ',')* ']'
//   value     := STRING | NUMBER | DURATION | SIZE | PARAM | NAME | object | array
//
// Recovery is chevrotain's (single-token deletion or insertion, re-sync in repetitions and
// rules), plus a few cases the grammar accepts and reports itself (ParserNote), because
// that recovers exactly: a missing value (so `url` with nothing after it does not take the
// next line's key as its value), a missing ',' between triggers, a stray ',' or ';'.
import { CstParser, EOF, tokenMatcher, type CstNode, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { errorMessageProvider } from './error-messages.js';
import {
  allTokens, Colon, Comma, Device, DurationLit, Every, From, Hook, LBracket, LCurly, Messages, Name, NumberLit, OAuth,
  Octoprint, On, ParamTok, Percent, Printer, RBracket, RCurly, Secret, Semicolon, SizeLit, Status, StringLit, Webcam,
} from './tokens.js';

/** A problem the grammar reports itself; `after` is the token before the problem. */
export interface ParserNote {
  /** 'missingValue': nothing after `after`; 'unexpected': `found` should be `expected`. */
  kind: 'missingValue' | 'unexpected';
  after: IToken;
  found: IToken;
  expected?: string;
}

/** How far error recovery looks for a token to re-synchronise on. */
const resyncLookahead = 500;

/** Thrown out of the parser once the error budget is spent. */
class ErrorLimitReached extends Error {}

export type ItemRule = 'deviceDecl' | 'secretDecl' | 'blockDecl' | 'oauthDecl' | 'printerDecl' | 'hookDecl';

export interface ItemParse {
  /** Undefined when parsing stopped at the error limit. */
  cst: CstNode | undefined;
  errors: IRecognitionException[];
  notes: ParserNote[];
}

class OhkParser extends CstParser {
  private budget = Infinity;
  private saved = 0;
  private notes: ParserNote[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, errorMessageProvider, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  parseItem(rule: ItemRule, tokens: IToken[], budget: number): ItemParse {
    this.input = tokens;
    this.budget = budget;
    this.saved = 0;
    this.notes = [];
    let cst: CstNode | undefined;
    try {
      cst = this[rule]();
    } catch (e) {
      if (!(e instanceof ErrorLimitReached)) throw e;
    }
    const errors = this.errors;
    const notes = this.notes;
    this.input = [];
    this.notes = [];
    return { cst, errors, notes };
  }

  // chevrotain records every syntax error through SAVE_ERROR; past the budget we stop, so a
  // pathological file cannot make the parser recover (and record) a million times.
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const saved = (CstParser.prototype as unknown as { SAVE_ERROR(e: IRecognitionException): IRecognitionException }).SAVE_ERROR.call(this, error);
    // (A counter, because the `errors` getter copies the list.)
    if (++this.saved + this.notes.length > this.budget) throw new ErrorLimitReached();
    return saved;
  }

  private note(kind: ParserNote['kind'], found: IToken, expected?: string): void {
    const after = this.LA(0);
    this.notes.push(expected === undefined ? { kind, after, found } : { kind, after, found, expected });
    if (this.saved + this.notes.length > this.budget) throw new ErrorLimitReached();
  }

  // chevrotain looks for the next token that can follow any rule on the stack, scanning to
  // the end of input if need be, once per error: quadratic on a megabyte of junk. We look
  // ahead a bounded distance and otherwise give up to the end of the item, which the item's
  // rule always accepts. (Overrides chevrotain 11's Recoverable.findReSyncTokenType; the
  // version is pinned.)
  findReSyncTokenType(): TokenType {
    const follows = (this as unknown as { flattenFollowSet(): TokenType[] }).flattenFollowSet();
    for (let k = 1; k <= resyncLookahead; k++) {
      const t = this.LA(k);
      if (t.tokenType === EOF) return EOF;
      for (const type of follows) if (tokenMatcher(t, type)) return type;
    }
    return EOF;
  }

  // Before a body, prefer deleting one stray token to inserting the '{' it precedes:
  // `octoprint x { … }` should drop x, not invent `{ x { … }`.
  protected override canTokenTypeBeInsertedInRecovery(type: TokenType): boolean {
    return !(type === LCurly && tokenMatcher(this.LA(2), LCurly));
  }

  /** Without ':', a value must start on the key's line (or be an object or array). */
  private valueMayFollow(): boolean {
    const next = this.LA(1);
    const t = next.tokenType;
    return t === LCurly || t === LBracket || next.startLine === this.LA(0).endLine;
  }

  deviceDecl = this.RULE('deviceDecl', () => {
    this.CONSUME(Device, { LABEL: 'keyword' });
    this.SUBRULE(this.value, { LABEL: 'value' });
  });

  secretDecl = this.RULE('secretDecl', () => {
    this.CONSUME(Secret, { LABEL: 'keyword' });
    this.SUBRULE(this.value, { LABEL: 'value' });
  });

  blockDecl = this.RULE('blockDecl', () => {
    this.OR([
      { ALT: () => this.CONSUME(Octoprint, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(Webcam, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(Messages, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(Status, { LABEL: 'keyword' }) },
    ]);
    this.SUBRULE(this.object, { LABEL: 'body' });
  });

  oauthDecl = this.RULE('oauthDecl', () => {
    this.CONSUME(OAuth, { LABEL: 'keyword' });
    this.CONSUME(Name, { LABEL: 'name' });
    this.SUBRULE(this.object, { LABEL: 'body' });
  });

  printerDecl = this.RULE('printerDecl', () => {
    this.CONSUME(Printer, { LABEL: 'keyword' });
    this.CONSUME(Name, { LABEL: 'name' });
    this.SUBRULE(this.object, { LABEL: 'body' });
  });

  /** `from` is a name too: it ends a trigger list rather than being read as a trigger. */
  private fromIsNext(): boolean {
    const next = this.LA(1).tokenType;
    return next === From || (next === Comma && this.LA(2).tokenType === From);
  }

  hookDecl = this.RULE('hookDecl', () => {
    this.CONSUME(Hook, { LABEL: 'keyword' });
    this.CONSUME(Name, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(On, { LABEL: 'on' });
      this.OPTION2({
        GATE: () => !this.fromIsNext(),
        DEF: () => {
          this.SUBRULE(this.trigger, { LABEL: 'triggers' });
          this.MANY({
            GATE: () => !this.fromIsNext(),
            DEF: () => {
              const comma = this.OPTION3(() => this.CONSUME(Comma, { LABEL: 'separator' }));
              const next = this.LA(1);
              this.SUBRULE2(this.trigger, { LABEL: 'triggers' });
              this.ACTION(() => {
                if (comma === undefined) this.note('unexpected', next, "','");
              });
            },
          });
          // A ',' left after the last trigger (`PrintDone, from mk3`, `PrintDone, {`): one report, and
          // what follows (a from list, the body) still reads.
          this.OPTION5({
            GATE: () => this.LA(1).tokenType === Comma,
            DEF: () => {
              this.CONSUME2(Comma, { LABEL: 'stray' });
              const after = this.LA(1);
              this.ACTION(() => this.note('unexpected', after, 'a trigger name'));
            },
          });
        },
      });
    });
    this.OPTION4(() => this.SUBRULE(this.fromList, { LABEL: 'from' }));
    this.SUBRULE(this.object, { LABEL: 'body' });
  });

  fromList = this.RULE('fromList', () => {
    this.CONSUME(From, { LABEL: 'keyword' });
    this.CONSUME(Name, { LABEL: 'names' });
    this.MANY(() => {
      const comma = this.OPTION(() => this.CONSUME(Comma, { LABEL: 'separator' }));
      const next = this.CONSUME2(Name, { LABEL: 'names' });
      this.ACTION(() => {
        if (comma === undefined) this.note('unexpected', next, "','");
      });
    });
  });

  trigger = this.RULE('trigger', () => {
    this.CONSUME(Name, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(Every, { LABEL: 'every' });
      this.CONSUME(NumberLit, { LABEL: 'count' });
      this.CONSUME(Percent, { LABEL: 'percent' });
    });
  });

  object = this.RULE('object', () => {
    this.CONSUME(LCurly, { LABEL: 'open' });
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.SUBRULE(this.entry, { LABEL: 'entries' });
            this.OPTION(() =>
              this.OR2([{ ALT: () => this.CONSUME(Comma, { LABEL: 'separator' }) }, { ALT: () => this.CONSUME(Semicolon, { LABEL: 'separator' }) }]),
            );
          },
        },
        {
          ALT: () => {
            const stray = this.OR3([{ ALT: () => this.CONSUME2(Comma, { LABEL: 'stray' }) }, { ALT: () => this.CONSUME2(Semicolon, { LABEL: 'stray' }) }]);
            this.ACTION(() => this.note('unexpected', stray, "a key or '}'"));
          },
        },
      ]);
    });
    this.CONSUME(RCurly, { LABEL: 'close' });
  });

  entry = this.RULE('entry', () => {
    this.OR([{ ALT: () => this.CONSUME(Name, { LABEL: 'key' }) }, { ALT: () => this.CONSUME(StringLit, { LABEL: 'key' }) }]);
    let colon = false;
    this.OPTION(() => {
      this.CONSUME(Colon, { LABEL: 'colon' });
      colon = true;
    });
    const value = this.OPTION2({
      GATE: () => colon || this.valueMayFollow(),
      DEF: () => this.SUBRULE(this.value, { LABEL: 'value' }),
    });
    this.ACTION(() => {
      if (value === undefined) this.note('missingValue', this.LA(1));
    });
  });

  array = this.RULE('array', () => {
    this.CONSUME(LBracket, { LABEL: 'open' });
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.SUBRULE(this.value, { LABEL: 'elements' });
            this.OPTION(() => this.CONSUME(Comma, { LABEL: 'separator' }));
          },
        },
        {
          ALT: () => {
            const stray = this.CONSUME2(Comma, { LABEL: 'stray' });
            this.ACTION(() => this.note('unexpected', stray, "a value or ']'"));
          },
        },
      ]);
    });
    this.CONSUME(RBracket, { LABEL: 'close' });
  });

  value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(StringLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(NumberLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(DurationLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(SizeLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(ParamTok, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(Name, { LABEL: 'token' }) },
      { ALT: () => this.SUBRULE(this.object, { LABEL: 'object' }) },
      { ALT: () => this.SUBRULE(this.array, { LABEL: 'array' }) },
    ]);
  });
}

export const parser = new OhkParser();

/** The rule that parses an item starting with `keyword`, if it starts one. */
export function ruleFor(keyword: IToken): ItemRule | undefined {
  switch (keyword.tokenType) {
    case Device: return 'deviceDecl';
    case Secret: return 'secretDecl';
    case Octoprint: case Webcam: case Messages: case Status: return 'blockDecl';
    case OAuth: return 'oauthDecl';
    case Printer: return 'printerDecl';
    case Hook: return 'hookDecl';
    default: return undefined;
  }
}
