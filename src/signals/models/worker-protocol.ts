import type { AnalyseImageOptions, ImageAnalysis } from "./analyse-image.js";

/** Messages between the pool and its threads (structured-cloned, so plain data only). */
export type WorkerTask =
  | { readonly type: "ready" }
  | { readonly type: "tensors" }
  | { readonly type: "analyse"; readonly bytes: Uint8Array; readonly options: AnalyseImageOptions };

export type WorkerReply =
  | {
      readonly ok: true;
      readonly type: "ready";
      readonly threadId: number;
      readonly loadMs: number;
    }
  | { readonly ok: true; readonly type: "tensors"; readonly count: number }
  | { readonly ok: true; readonly type: "analysis"; readonly analysis: ImageAnalysis }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: string;
        readonly message: string;
        readonly details: object;
      };
    };
