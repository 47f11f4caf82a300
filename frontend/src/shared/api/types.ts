/** DRF cursor pagination as the API sends it. */
export interface CursorPage<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}
