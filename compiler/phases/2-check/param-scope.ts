// Where a parameter stands decides what it may name: the triggers whose event data it sees,
// the oauth block its hook uses, and whether it is read before any event exists.

export type ParamPosition =
  /** A top-level value of `data`: the one place `@snapshot` may stand. */
  | 'data-top'
  /** Any other typed value (nested data, whole-value strings). */
  | 'value'
  /** Inside text: a header, a message, a string with other text. */
  | 'text'
  | 'url'
  /** An operand of a `when` condition. */
  | 'condition';

export interface ParamScope {
  /** The trigger events whose payload `@extra` is; empty outside hooks and messages. */
  triggers: string[];
  /** The oauth block whose answer the hook may read. */
  oauth: string | null;
  /** Set where only `@env.NAME` is allowed; names the place for the message. */
  envOnly?: string;
  position: ParamPosition;
  /** Inside a message text, where `@message` would refer to itself. */
  inMessage?: boolean;
  /** Collects the roots the hook reads. */
  uses?: Set<string>;
}
