/** DRF cursor pagination as the API sends it. */
export interface CursorPage<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

/** DRF page-number pagination as the API sends it. */
export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}
