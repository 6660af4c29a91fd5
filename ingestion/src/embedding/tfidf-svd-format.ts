/**
 * Binary form of a fitted TF-IDF + SVD model:
 *   "TFSV" · header length (uint32 LE) · JSON header (UTF-8) · zero padding to a multiple of 4 ·
 *   projection matrix, Float32 LE, one row of `dimensions` values per feature (stems, then n-grams).
 */
export interface TfidfSvdModel {
  readonly dimensions: number;
  readonly analyzer: {
    readonly version: number;
    readonly charGramSize: number;
    readonly stopWords: string[];
  };
  /** Share of a document vector's squared norm given to whole-word stems, the rest going to n-grams. */
  readonly stemShare: number;
  readonly stems: string[];
  readonly charGrams: string[];
  readonly idf: Float64Array;
  readonly projection: Float32Array;
}

interface Header {
  format: typeof FORMAT;
  version: typeof VERSION;
  dimensions: number;
  analyzer: TfidfSvdModel['analyzer'];
  weighting: { tf: 'sublinear'; idf: 'smooth'; stemShare: number };
  stems: string[];
  charGrams: string[];
  idf: number[];
}

const MAGIC = 'TFSV';
const FORMAT = 'reco-tfidf-svd';
const VERSION = 1;

export function serializeModel(model: TfidfSvdModel): Uint8Array {
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    dimensions: model.dimensions,
    analyzer: model.analyzer,
    weighting: { tf: 'sublinear', idf: 'smooth', stemShare: model.stemShare },
    stems: model.stems,
    charGrams: model.charGrams,
    // JSON writes the shortest decimal that reads back as the same double: the round trip is exact.
    idf: Array.from(model.idf),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const matrixStart = align4(8 + headerBytes.length);
  const bytes = new Uint8Array(matrixStart + model.projection.length * 4);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, headerBytes.length, true);
  bytes.set(headerBytes, 8);
  for (let i = 0; i < model.projection.length; i++) {
    view.setFloat32(matrixStart + i * 4, model.projection[i] as number, true);
  }
  return bytes;
}

export function deserializeModel(bytes: Uint8Array): TfidfSvdModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error('Not a serialized TF-IDF + SVD model (bad magic bytes)');
  }
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new Error('Truncated TF-IDF + SVD model (header)');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Header;
  if (header.format !== FORMAT || header.version !== VERSION) {
    throw new Error(`Unsupported TF-IDF + SVD model format ${header.format} v${header.version}`);
  }
  const featureCount = header.stems.length + header.charGrams.length;
  if (header.idf.length !== featureCount) throw new Error('Corrupt TF-IDF + SVD model: idf length');
  const matrixStart = align4(8 + headerLength);
  const values = featureCount * header.dimensions;
  if (bytes.length !== matrixStart + values * 4) throw new Error('Truncated TF-IDF + SVD model (projection)');
  const projection = new Float32Array(values);
  for (let i = 0; i < values; i++) projection[i] = view.getFloat32(matrixStart + i * 4, true);
  return {
    dimensions: header.dimensions,
    analyzer: header.analyzer,
    stemShare: header.weighting.stemShare,
    stems: header.stems,
    charGrams: header.charGrams,
    idf: Float64Array.from(header.idf),
    projection,
  };
}

function align4(offset: number): number {
  return Math.ceil(offset / 4) * 4;
}
