// The 'text-generation' pipeline kind on Transformers.js: greedy generation through its text-generation
// pipeline, streamed by its TextStreamer and ended early by a StoppingCriteria, timed so a view and a
// benchmark get time to first token and tokens per second from the same place. Kept apart from
// transformers-runtime.ts so Node tests run it on the generated tiny decoder.

import type { TextGenerator } from '../pipeline-runtime';

type Transformers = typeof import('@huggingface/transformers');

/** A Transformers.js text-generation pipeline, as far as the adapter calls it. */
export type GenerationPipeline = ((
  prompt: string,
  options: {
    max_new_tokens: number;
    do_sample: false;
    streamer: InstanceType<Transformers['TextStreamer']>;
    stopping_criteria: InstanceType<Transformers['StoppingCriteria']>;
  },
) => Promise<unknown>) & { tokenizer: ConstructorParameters<Transformers['TextStreamer']>[0] };

/**
 * Greedy generation through the pipeline, streamed by Transformers.js's TextStreamer and ended early by a
 * StoppingCriteria that asks `shouldStop` after every token. The streamer hands out whole words only (a
 * word may still grow with the next token), so the text so far trails the last token by up to a word
 * until the end; it reports after every token but the end-of-text one, and once more at the end.
 */
export function textGenerator(
  generate: GenerationPipeline,
  { TextStreamer, StoppingCriteria }: Transformers,
  dispose: () => Promise<void>,
): TextGenerator {
  type Tokenizer = GenerationPipeline['tokenizer'];
  class TextSoFar extends TextStreamer {
    constructor(
      tokenizer: Tokenizer,
      onTokens: (tokens: bigint[]) => void,
      private readonly onText: (printable: string) => void,
    ) {
      super(tokenizer, { skip_prompt: true, skip_special_tokens: true, token_callback_function: onTokens });
    }
    // TextStreamer's own callback skips empty pieces; this is called after every token, empty or not.
    override on_finalized_text(printable: string): void {
      this.onText(printable);
    }
  }
  class AskToStop extends StoppingCriteria {
    stopped = false;
    constructor(private readonly shouldStop: () => boolean) {
      super();
    }
    override _call(inputIds: number[][]): boolean[] {
      this.stopped ||= this.shouldStop();
      return inputIds.map(() => this.stopped);
    }
  }
  return {
    async generate(prompt, { maxNewTokens, onToken, shouldStop }) {
      const started = performance.now();
      let text = '';
      let tokenCount = 0;
      let firstAt: number | undefined;
      let lastAt = started;
      const streamer = new TextSoFar(
        generate.tokenizer,
        (tokens) => {
          lastAt = performance.now();
          firstAt ??= lastAt;
          tokenCount += tokens.length;
        },
        (printable) => {
          text += printable;
          onToken?.({ text, tokenCount });
        },
      );
      const criteria = new AskToStop(shouldStop ?? (() => false));
      await generate(prompt, {
        max_new_tokens: maxNewTokens,
        do_sample: false,
        streamer,
        stopping_criteria: criteria,
      });
      const decodeMs = lastAt - (firstAt ?? lastAt);
      return {
        text,
        tokenCount,
        ttftMs: (firstAt ?? lastAt) - started,
        tokensPerS: tokenCount >= 2 && decodeMs > 0 ? ((tokenCount - 1) * 1000) / decodeMs : null,
        totalMs: performance.now() - started,
        stopped: criteria.stopped,
      };
    },
    dispose,
  };
}
