/** The data source could not be reached or answered with a failure of its own: a retry may help. */
export class DataSourceUnavailable extends Error {
  override name = 'DataSourceUnavailable';
  constructor(
    readonly dataSource: string,
    message: string,
  ) {
    super(`data source '${dataSource}': ${message}`);
  }
}

/** The data source refused the query or answered what is no series: no retry can help. */
export class DataSourceRefused extends Error {
  override name = 'DataSourceRefused';
  constructor(
    readonly dataSource: string,
    message: string,
  ) {
    super(`data source '${dataSource}': ${message}`);
  }
}
