const SEEN_WINDOW = 512;

/** What a `hello`'s `seq` means for a stream we may have followed before. */
export type HelloOutcome = "first-contact" | "went-backwards" | "resumed";

/** What to do with an event's `seq`: drop a duplicate, deliver it, and maybe ask for a gap. */
export interface EventVerdict {
  deliver: boolean;
  /** We missed events live: ask the server to replay those after this `seq`. */
  resumeAfter?: number;
}

/**
 * Where the client is in each stream: the last `seq` seen, a window of recent ones
 * (duplicate suppression) and the gaps we asked the server to replay.
 */
export class StreamPositions {
  private readonly lastSeq = new Map<string, number>();
  private readonly seen = new Map<string, Set<number>>();
  /** Open gaps per stream we asked the server to replay: (from, to) exclusive. */
  private readonly gaps = new Map<string, { from: number; to: number }>();

  last(stream: string): number | undefined {
    return this.lastSeq.get(stream);
  }

  /** The server cannot replay what we missed (`resync`): forget our place. */
  forget(stream: string): void {
    this.lastSeq.delete(stream);
    this.seen.delete(stream);
  }

  hello(stream: string, seq: number): HelloOutcome {
    const last = this.lastSeq.get(stream);
    if (last === undefined) {
      // First contact: from here on events arrive live.
      this.lastSeq.set(stream, seq);
      return "first-contact";
    }
    if (seq < last) {
      // The stream went backwards (server state reset): our position is meaningless.
      this.lastSeq.set(stream, seq);
      this.seen.delete(stream);
      return "went-backwards";
    }
    // A higher seq needs nothing: we connected with `?after=<last>`, so the server
    // replays what we missed right after the hello.
    return "resumed";
  }

  event(stream: string, seq: number): EventVerdict {
    const seen = this.seen.get(stream) ?? new Set<number>();
    const last = this.lastSeq.get(stream);
    if (seen.has(seq) || (last !== undefined && seq <= last && !this.fillsGap(stream, seq))) {
      return { deliver: false };
    }
    let resumeAfter: number | undefined;
    if (last !== undefined && seq > last + 1) {
      // We missed something live: ask for it; replayed copies are deduplicated.
      this.gaps.set(stream, { from: last, to: seq });
      resumeAfter = last;
    }
    seen.add(seq);
    if (seen.size > SEEN_WINDOW) {
      const oldest = seen.values().next().value;
      if (oldest !== undefined) seen.delete(oldest);
    }
    this.seen.set(stream, seen);
    this.lastSeq.set(stream, Math.max(last ?? seq, seq));
    return { deliver: true, resumeAfter };
  }

  /** A replayed event that fills a gap we asked for. */
  private fillsGap(stream: string, seq: number): boolean {
    const gap = this.gaps.get(stream);
    if (!gap) return false;
    if (seq > gap.from && seq < gap.to) return true;
    if (seq >= gap.to) this.gaps.delete(stream);
    return false;
  }
}
