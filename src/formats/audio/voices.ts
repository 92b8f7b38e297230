// Placeholder until the audio edition lands.
export async function listVoices(): Promise<string[]> {
  return ['(no narration engines yet)'];
}
