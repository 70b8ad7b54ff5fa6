// How a variant the optimizer made is named: its parent's id and the method, `ppocr-v4-rec~int8-static`.
// One variant per parent and method: making another by the same method replaces it (same id), so a
// link, a benchmark record or a test names it without knowing when it was made. `~` never appears in
// the id of a model that is not a variant, so code that only knows an id (a task picking its model's
// settings) finds the original model it was made from.

const SEPARATOR = '~';

export function variantId(parentId: string, method: string): string {
  return `${parentId}${SEPARATOR}${method}`;
}

/** The id of the original model behind `id`: `id` itself for a model that is not a variant. */
export function rootModelId(id: string): string {
  const at = id.indexOf(SEPARATOR);
  return at < 0 ? id : id.slice(0, at);
}
