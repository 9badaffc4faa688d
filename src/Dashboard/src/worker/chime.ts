// Sound and vibration for a new assignment, where the browser allows them (audio needs one user gesture first).

let audio: AudioContext | null = null;

/** Call from a user gesture (sign-in, any tap): browsers start audio only after one. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

export function chime(): void {
  try {
    navigator.vibrate?.([200, 100, 200]);
  } catch {
    // Vibration is a nicety; some browsers refuse it without a gesture.
  }
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.18, 1320]] as const) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.18);
  }
}
