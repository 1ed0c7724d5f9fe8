// Types for ydf-training 0.0.1 (Yggdrasil Decision Forests' wasm trainer), which ships none:
// only the parts we call.

declare module 'ydf-training' {
  export interface YdfModel {
    /** One probability per row: of the label's second class (getLabelClasses()[1]). */
    predict(examples: Record<string, number[]>): number[];
    getLabelClasses(): string[];
    describe(): string;
    unload(): void;
    /** The wasm-side model; `save` writes YDF's model files into a folder of FS. */
    readonly internalModel: { save(path: string): void };
  }

  interface YdfLearner {
    train(data: Record<string, (number | string)[]>): YdfModel;
  }

  export interface YdfModule {
    GradientBoostedTreesLearner: new (label: string, task: 'CLASSIFICATION' | 'REGRESSION') => YdfLearner;
    /** Emscripten's in-memory file system. */
    FS: {
      readdir(path: string): string[];
      readFile(path: string): Uint8Array;
      unlink(path: string): void;
      rmdir(path: string): void;
    };
  }

  export default function YDFTraining(options?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }): Promise<YdfModule>;
}
