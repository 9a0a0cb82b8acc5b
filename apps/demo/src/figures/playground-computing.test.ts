import { describe, expect, it } from 'vitest';
import { PlaygroundComputing } from './playground-computing.js';

describe('PlaygroundComputing', () => {
  it('a run set up paused: computing until the first scores', () => {
    const c = new PlaygroundComputing();
    c.reset();
    expect(c.computing).toBe(true);
    c.frame(false);
    expect(c.computing).toBe(true);
    c.scores();
    expect(c.computing).toBe(false);
  });

  it('scores in flight at a pause do not end the computing state; the paused frame and its scores do', () => {
    const c = new PlaygroundComputing();
    c.reset();
    c.frame(false);
    c.scores();
    c.play();
    c.frame(true); // iteration 268, playing
    c.pause(true);
    c.scores(); // the periodic scores of iteration 268, posted before the worker saw the pause
    expect(c.computing).toBe(true);
    c.frame(true); // one more slice ran before the pause message was handled (iteration 368)
    expect(c.computing).toBe(true);
    c.frame(false); // the worker's answer to the pause
    expect(c.computing).toBe(true);
    c.scores();
    expect(c.computing).toBe(false);
  });

  it('a finished run ends computing on its final scores; an error ends it at once', () => {
    const c = new PlaygroundComputing();
    c.reset();
    c.play();
    c.frame(true);
    c.scores();
    expect(c.computing).toBe(true);
    c.frame(false); // done
    c.scores();
    expect(c.computing).toBe(false);
    c.play();
    expect(c.computing).toBe(true);
    c.failed();
    expect(c.computing).toBe(false);
  });

  it('a pause the worker will not answer leaves the state alone', () => {
    const c = new PlaygroundComputing();
    c.reset();
    c.failed();
    c.pause(false);
    expect(c.computing).toBe(false);
  });
});
