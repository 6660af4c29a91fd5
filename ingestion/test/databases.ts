// The ingestion tests' databases are the shared test databases of the data-access package.
export { DATABASES } from '../../db/test/test-databases';
