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
//   timezone  := 'timezone' value
//   quiet     := 'quiet' ('off' | TIMERANGE ('except' NAME (',' NAME)*)?)   -- top level or in a hook body
//   when      := 'when' or                                                -- in a hook body only
//   or        := and ('or' and)*            and := unary ('and' unary)*     unary := 'not'* atom
//   atom      := '(' or ')' | operand (OP operand | 'in' list | 'contains' operand | 'matches' STRING)?
//   operand   := STRING | NUMBER | DURATION | BYTESIZE | PARAM | 'true' | 'false' | 'null'
//   list      := '[' (operand ','?)* ']'
//
// In a hook body, `when` and `quiet` followed by anything but ':' start those lines; anywhere
// else (and with ':') they are ordinary keys. Chains are loops and `not` a repetition, so only
// parentheses nest, and the depth guard bounds them like braces.
//
// Recovery is chevrotain's (single-token deletion or insertion, re-sync in repetitions and
// rules), plus a few cases the grammar accepts and reports itself (ParserNote), because
// that recovers exactly: a missing value (so `url` with nothing after it does not take the
// next line's key as its value), a missing ',' between triggers, a stray ',' or ';'.
import { CstParser, EOF, tokenMatcher, type CstNode, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { errorMessageProvider } from './error-messages.js';
import {
  allTokens, And, ByteSizeLit, Colon, Comma, CompareOp, Contains, Device, DurationLit, Every, Except, False, From, Hook, In, LBracket, LCurly,
  LParen, Matches, Messages, Name, Not, Null, NumberLit, OAuth, Octoprint, Off, On, Or, ParamTok, Percent, Printer, Quiet, RBracket, RCurly,
  RParen, Secret, Semicolon, SizeLit, Status, StringLit, TimeRangeLit, Timezone, True, Webcam, When,
} from './tokens.js';
import type { Truncated } from './depth-guard.js';

/** A problem the grammar reports itself; `after` is the token before the problem. */
export interface ParserNote {
  /** 'missingValue': nothing after `after`; 'missing': `expected` is missing after `after`; 'unexpected': `found` should be `expected`. */
  kind: 'missingValue' | 'missing' | 'unexpected';
  after: IToken;
  found: IToken;
  expected?: string;
}

/** How far error recovery looks for a token to re-synchronise on. */
const resyncLookahead = 500;

/** Thrown out of the parser once the error budget is spent. */
class ErrorLimitReached extends Error {}

export type ItemRule = 'deviceDecl' | 'secretDecl' | 'blockDecl' | 'oauthDecl' | 'printerDecl' | 'hookDecl' | 'timezoneDecl' | 'quietDecl';

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

  /**
   * chevrotain's grammar validations (ambiguous alternatives, left recursion, duplicate rules…)
   * cost about 30 ms at every start of octohookc, for a grammar that cannot change at run
   * time: the product skips them and a test runs them (`validateGrammar`).
   */
  constructor(validate = false) {
    super(allTokens, { recoveryEnabled: true, errorMessageProvider, maxLookahead: 2, skipValidations: !validate });
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
    this.SUBRULE(this.object, { LABEL: 'body', ARGS: [true] });
  });

  timezoneDecl = this.RULE('timezoneDecl', () => {
    this.CONSUME(Timezone, { LABEL: 'keyword' });
    this.SUBRULE(this.value, { LABEL: 'value' });
  });

  quietDecl = this.RULE('quietDecl', () => {
    this.CONSUME(Quiet, { LABEL: 'keyword' });
    // Optional in the grammar so that a bare `quiet` is reported as such (and in a hook body
    // is not read as a setting missing its value).
    const spec = this.OPTION5(() => this.OR([
      { ALT: () => this.CONSUME(Off, { LABEL: 'off' }) },
      {
        ALT: () => {
          const window = this.CONSUME(TimeRangeLit, { LABEL: 'window' });
          this.OPTION(() => {
            this.CONSUME(Except, { LABEL: 'except' });
            this.CONSUME(Name, { LABEL: 'triggers' });
            this.MANY(() => {
              this.CONSUME(Comma, { LABEL: 'separator' });
              this.CONSUME2(Name, { LABEL: 'triggers' });
            });
          });
          return window;
        },
      },
    ]));
    this.ACTION(() => {
      if (spec === undefined) this.note('missing', this.LA(1), "'off' or a time range (23:00-07:00)");
    });
  });

  whenEntry = this.RULE('whenEntry', () => {
    this.CONSUME(When, { LABEL: 'keyword' });
    const condition = this.OPTION(() => this.SUBRULE(this.orExpr, { LABEL: 'condition' }));
    this.ACTION(() => {
      if (condition === undefined) this.note('missing', this.LA(1), 'a condition');
    });
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(Or, { LABEL: 'op' });
      this.SUBRULE2(this.andExpr, { LABEL: 'operands' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.unaryExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(And, { LABEL: 'op' });
      this.SUBRULE2(this.unaryExpr, { LABEL: 'operands' });
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.MANY(() => this.CONSUME(Not, { LABEL: 'not' }));
    this.SUBRULE(this.atom, { LABEL: 'atom' });
  });

  atom = this.RULE('atom', () => {
    this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(LParen, { LABEL: 'open' });
          const inner = this.OPTION({
            GATE: () => !(open.payload as Truncated | undefined)?.truncated,
            DEF: () => this.SUBRULE(this.orExpr, { LABEL: 'inner' }),
          });
          this.ACTION(() => {
            if (inner === undefined && !(open.payload as Truncated | undefined)?.truncated) this.note('unexpected', this.LA(1), 'a condition');
          });
          this.CONSUME(RParen, { LABEL: 'close' });
        },
      },
      { ALT: () => this.SUBRULE(this.comparison, { LABEL: 'comparison' }) },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(CompareOp, { LABEL: 'op' });
            this.SUBRULE2(this.operand, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(In, { LABEL: 'op' });
            this.SUBRULE(this.operandList, { LABEL: 'list' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(Contains, { LABEL: 'op' });
            this.SUBRULE3(this.operand, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(Matches, { LABEL: 'op' });
            this.CONSUME(StringLit, { LABEL: 'pattern' });
          },
        },
      ]);
    });
  });

  operand = this.RULE('operand', () => {
    this.OR([
      { ALT: () => this.CONSUME(StringLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(NumberLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(DurationLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(ByteSizeLit, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(ParamTok, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(True, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(False, { LABEL: 'token' }) },
      { ALT: () => this.CONSUME(Null, { LABEL: 'token' }) },
    ]);
  });

  operandList = this.RULE('operandList', () => {
    this.CONSUME(LBracket, { LABEL: 'open' });
    this.MANY(() => {
      this.SUBRULE(this.operand, { LABEL: 'elements' });
      this.OPTION(() => this.CONSUME(Comma, { LABEL: 'separator' }));
    });
    this.CONSUME(RBracket, { LABEL: 'close' });
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

  /** `hookBody`: the body of a hook, where `when` and `quiet` lines may stand. */
  object = this.RULE('object', (hookBody?: boolean) => {
    this.CONSUME(LCurly, { LABEL: 'open' });
    this.MANY(() => {
      // The gates pick `when`/`quiet` lines before the ordinary entry their keyword also starts.
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
        {
          GATE: () => hookBody === true && this.LA(1).tokenType === When && this.LA(2).tokenType !== Colon,
          ALT: () => {
            this.SUBRULE(this.whenEntry, { LABEL: 'conditions' });
            this.OPTION3(() =>
              this.OR4([{ ALT: () => this.CONSUME3(Comma, { LABEL: 'separator' }) }, { ALT: () => this.CONSUME3(Semicolon, { LABEL: 'separator' }) }]),
            );
          },
        },
        {
          GATE: () => hookBody === true && this.LA(1).tokenType === Quiet && this.LA(2).tokenType !== Colon,
          ALT: () => {
            this.SUBRULE(this.quietDecl, { LABEL: 'quiet' });
            this.OPTION4(() =>
              this.OR5([{ ALT: () => this.CONSUME4(Comma, { LABEL: 'separator' }) }, { ALT: () => this.CONSUME4(Semicolon, { LABEL: 'separator' }) }]),
            );
          },
        },
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
      ],
      });
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

/** Builds the grammar once more with chevrotain's validations on: throws on a definition error. */
export function validateGrammar(): void {
  new OhkParser(true);
}

/** The rule that parses an item starting with `keyword`, if it starts one. */
export function ruleFor(keyword: IToken): ItemRule | undefined {
  switch (keyword.tokenType) {
    case Device: return 'deviceDecl';
    case Secret: return 'secretDecl';
    case Octoprint: case Webcam: case Messages: case Status: return 'blockDecl';
    case OAuth: return 'oauthDecl';
    case Printer: return 'printerDecl';
    case Hook: return 'hookDecl';
    case Timezone: return 'timezoneDecl';
    case Quiet: return 'quietDecl';
    default: return undefined;
  }
}
