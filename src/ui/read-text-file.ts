// Reading a user's .txt/.md file for the text views, with a message naming the file when it is too
// large or not text.

/** A text file's content; refuses one over `maxBytes` or one that is not text, naming the file. */
export async function readTextFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes)
    throw new Error(
      `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; text files up to ${maxBytes / 1e6} MB are read.`,
    );
  const text = await file.text();
  if (text.includes('\u0000')) throw new Error(`${file.name} is not a text file.`);
  return text;
}
