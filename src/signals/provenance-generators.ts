/**
 * What marks synthetic media in metadata, kept as data so a new generator is a one-line change
 * (bump PROVENANCE_READER.version with it: signals name the list they were read with).
 */

/** A generator as it names itself in Software / CreatorTool / PNG `Software` or `Source`. */
export interface GeneratorName {
  readonly name: string;
  /** Words matched whole, case-insensitively, with punctuation read as spaces. */
  readonly terms: readonly string[];
}

export const GENERATOR_NAMES: readonly GeneratorName[] = Object.freeze([
  { name: "Stable Diffusion", terms: ["stable diffusion", "stablediffusion", "sdxl", "sd webui"] },
  { name: "Automatic1111", terms: ["automatic1111", "a1111"] },
  { name: "ComfyUI", terms: ["comfyui"] },
  { name: "InvokeAI", terms: ["invokeai", "invoke ai"] },
  { name: "Fooocus", terms: ["fooocus"] },
  { name: "SwarmUI", terms: ["swarmui", "stableswarmui"] },
  { name: "Draw Things", terms: ["draw things"] },
  { name: "DreamStudio", terms: ["dreamstudio", "stability ai"] },
  { name: "Midjourney", terms: ["midjourney", "nijijourney"] },
  { name: "DALL·E", terms: ["dall e", "dalle", "dall e 2", "dall e 3"] },
  { name: "OpenAI", terms: ["openai", "chatgpt", "gpt 4o", "gpt image 1"] },
  { name: "Adobe Firefly", terms: ["adobe firefly", "firefly"] },
  { name: "NovelAI", terms: ["novelai", "novel ai"] },
  { name: "Flux", terms: ["flux", "flux 1", "black forest labs"] },
  { name: "Google Imagen", terms: ["google imagen", "imagen 3", "imagen 4"] },
  { name: "Microsoft Designer", terms: ["microsoft designer", "bing image creator"] },
  { name: "Leonardo.Ai", terms: ["leonardo ai"] },
  { name: "Ideogram", terms: ["ideogram"] },
  { name: "Playground", terms: ["playground ai", "playgroundai"] },
  { name: "Runway", terms: ["runwayml", "runway ml"] },
  { name: "Krea", terms: ["krea ai"] },
  { name: "NightCafe", terms: ["nightcafe"] },
  { name: "Craiyon", terms: ["craiyon"] },
  { name: "Tensor.Art", terms: ["tensor art", "tensorart"] },
  { name: "SeaArt", terms: ["seaart"] },
  { name: "PixAI", terms: ["pixai"] },
  { name: "Civitai", terms: ["civitai"] },
  { name: "Diffusers", terms: ["diffusers"] },
]);

/** PNG text chunk keywords that image generators write, with the tool known to write each. */
export const GENERATOR_TEXT_KEYWORDS: Readonly<Record<string, string>> = Object.freeze({
  parameters: "Automatic1111 / Forge / SD.Next",
  prompt: "ComfyUI",
  workflow: "ComfyUI",
  Dream: "InvokeAI",
  "sd-metadata": "InvokeAI",
  invokeai_metadata: "InvokeAI",
  invokeai_graph: "InvokeAI",
  fooocus_scheme: "Fooocus",
  sui_image_params: "SwarmUI",
  generation_data: "Tensor.Art",
});

/** IPTC digital source type codes for media made (wholly or partly) by a trained model. */
export const SYNTHETIC_SOURCE_TYPES: ReadonlySet<string> = new Set([
  "trainedAlgorithmicMedia",
  "compositeWithTrainedAlgorithmicMedia",
]);
