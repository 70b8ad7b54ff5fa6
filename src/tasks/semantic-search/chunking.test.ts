import { describe, expect, it } from 'vitest';
import { chunkText } from './chunking';

describe('chunkText', () => {
  it('keeps each paragraph as one passage when it is short enough', () => {
    expect(chunkText('notes.md', '# Title\n\nFirst  paragraph\nwraps here.\n\n\n  Second one.  ')).toEqual([
      { document: 'notes.md', text: '# Title' },
      { document: 'notes.md', text: 'First paragraph wraps here.' },
      { document: 'notes.md', text: 'Second one.' },
    ]);
  });

  it('splits a long paragraph at sentence ends, never past the word limit', () => {
    const text = 'One two three. Four five six seven. Eight nine. Ten eleven twelve thirteen fourteen.';
    expect(chunkText('d', text, 5).map((chunk) => chunk.text)).toEqual([
      'One two three.',
      'Four five six seven.',
      'Eight nine.',
      'Ten eleven twelve thirteen fourteen.',
    ]);
  });

  it('cuts one sentence longer than the limit into runs of words', () => {
    expect(chunkText('d', 'a b c d e f g', 3).map((chunk) => chunk.text)).toEqual(['a b c', 'd e f', 'g']);
  });

  it('gives nothing for blank text, handles Windows line ends, and refuses a limit below one', () => {
    expect(chunkText('d', ' \n\n \t')).toEqual([]);
    expect(chunkText('d', 'one\r\n\r\ntwo').map((chunk) => chunk.text)).toEqual(['one', 'two']);
    expect(() => chunkText('d', 'x', 0)).toThrow(RangeError);
  });
});
