// The parser skips chevrotain's grammar validations at start (they cost about 30 ms of every
// `octohookc` run); this test runs them, so an ambiguous or left-recursive rule still fails
// the build.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { validateGrammar } from '../../grammar/parser.js';

const t = suite('grammar: chevrotain validations');

t('the grammar passes chevrotain validations (ambiguity, left recursion, duplicate rules)', () => {
  try {
    validateGrammar();
  } catch (e) {
    assert.unreachable(`grammar definition errors:\n${(e as Error).message}`);
  }
});

t.run();
