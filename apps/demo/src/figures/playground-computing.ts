/**
 * When the embedding playground is "computing" (the page's `data-computing` flag, which tests and users wait
 * on): from play until the worker has answered a pause (or finished) with a paused frame and then its scores.
 *
 * The worker may still have a playing frame and its periodic scores in flight when pause is clicked; those
 * scores must not end the computing state, or a reader would see an iteration the run has already moved past.
 */
export class PlaygroundComputing {
  /** Whether the page is waiting for the worker. */
  computing = true;
  /** Whether the latest frame from the worker was taken while playing. */
  private framePlaying = false;

  /** A new run was started (the worker answers its set-up with a frame and scores). */
  reset(): void {
    this.computing = true;
    this.framePlaying = false;
  }

  /** Play was clicked. */
  play(): void {
    this.computing = true;
  }

  /** Pause was clicked; `answered` is whether the worker will reply (it has a run, or is setting one up). */
  pause(answered: boolean): void {
    if (answered) this.computing = true;
  }

  /** A frame arrived. */
  frame(playing: boolean): void {
    this.framePlaying = playing;
    if (playing) this.computing = true;
  }

  /** Scores arrived: they end the computing state only when they follow a paused (or final) frame. */
  scores(): void {
    if (!this.framePlaying) this.computing = false;
  }

  /** The worker reported an error. */
  failed(): void {
    this.computing = false;
    this.framePlaying = false;
  }
}
