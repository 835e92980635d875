#!/usr/bin/env bash
# Generates the placeholder narration of the sample exhibit: a synthetic voice (espeak-ng) reading each diary
# excerpt, encoded as Ogg Opus, with WebVTT captions.
#
#   bash scripts/make-narration.sh [LANG]        # LANG defaults to en; e.g. `bash scripts/make-narration.sh id`
#
# For every media/diary/<id>.yaml that has text in LANG it writes
#   media/audio/<id>.<LANG>.ogg   Ogg Opus, mono, speech bitrate
#   media/audio/<id>.<LANG>.vtt   WebVTT, one cue per sentence or clause, timed by character count over the
#                                 measured duration of the speech
# and prints the `narration:` block to add to the diary file (with `placeholder: true`: a synthetic voice, to
# be replaced by a recorded reader).
#
# The text is read from the diary YAML itself, so the narration always matches the content: after changing a
# text, run this again.
#
# Environment: VOICE (espeak-ng voice; default: the language tag, with en -> en, zh-Hans -> cmn),
#              RATE (words per minute; default 140), BITRATE (kbit/s; default 32).
# Needs: espeak-ng, opusenc (Debian: apt-get install -y espeak-ng opus-tools), node with the `yaml` package.
set -euo pipefail

LANG_TAG="${1:-en}"
case "$LANG_TAG" in
  zh-Hans) DEFAULT_VOICE=cmn ;;
  *) DEFAULT_VOICE="$LANG_TAG" ;;
esac
VOICE="${VOICE:-$DEFAULT_VOICE}"
RATE="${RATE:-140}"
BITRATE="${BITRATE:-32}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIARY_DIR="$ROOT/media/diary"
AUDIO_DIR="$ROOT/media/audio"
cd "$ROOT"

for tool in espeak-ng opusenc node; do
  command -v "$tool" >/dev/null || { echo "make-narration: '$tool' is not installed" >&2; exit 1; }
done
if ! espeak-ng --voices | awk 'NR > 1 { print $2; print $5 }' | grep -qx -- "$VOICE"; then
  # The voice file column is e.g. gmw/en; accept either the language or the file's base name.
  if ! espeak-ng --voices | awk 'NR > 1 { n = split($5, a, "/"); print a[n] }' | grep -qx -- "$VOICE"; then
    echo "make-narration: espeak-ng has no voice '$VOICE' (set VOICE=...)" >&2
    exit 1
  fi
fi

mkdir -p "$AUDIO_DIR"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 1. Read the texts: one "<id>\t<base64 text>" line per diary entry that has text in LANG.
node - "$DIARY_DIR" "$LANG_TAG" >"$TMP/texts.tsv" <<'NODE'
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const [dir, lang] = process.argv.slice(2);
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  const id = path.basename(file, '.yaml');
  const doc = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const text = doc && doc.text && doc.text[lang];
  if (typeof text !== 'string' || !text.trim()) {
    console.error(`skip ${id}: no text in ${lang}`);
    continue;
  }
  console.log(`${id}\t${Buffer.from(text.trim().replace(/\s+/g, ' '), 'utf8').toString('base64')}`);
}
NODE

if [ ! -s "$TMP/texts.tsv" ]; then
  echo "make-narration: no diary entry has text in '$LANG_TAG'" >&2
  exit 1
fi

SNIPPETS=""
while IFS=$'\t' read -r id b64; do
  txt="$TMP/$id.txt"
  wav="$TMP/$id.wav"
  ogg="$AUDIO_DIR/$id.$LANG_TAG.ogg"
  vtt="$AUDIO_DIR/$id.$LANG_TAG.vtt"
  printf '%s' "$b64" | base64 -d >"$txt"

  # 2. Speak to WAV (slow, calm rate), then encode to Ogg Opus.
  espeak-ng -v "$VOICE" -s "$RATE" -w "$wav" -f "$txt"
  opusenc --quiet --bitrate "$BITRATE" \
    --title "$id ($LANG_TAG)" \
    --artist "Synthetic voice placeholder (espeak-ng, voice $VOICE)" \
    --comment "COMMENT=Memorial Kiosk placeholder narration; replace with a recorded reader" \
    "$wav" "$ogg"

  # 3. Measure the duration from the WAV header and write the captions.
  node - "$wav" "$txt" "$vtt" "$LANG_TAG" <<'NODE'
const fs = require('node:fs');
const [wavPath, txtPath, vttPath, lang] = process.argv.slice(2);

/** Duration in seconds from the RIFF header: data chunk size / byte rate of the fmt chunk. */
function wavDuration(buf) {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${wavPath}: not a RIFF/WAVE file`);
  }
  let byteRate = 0;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    let size = buf.readUInt32LE(offset + 4);
    if (id === 'fmt ') byteRate = buf.readUInt32LE(offset + 16);
    if (id === 'data') {
      // A streamed WAV may carry a placeholder size: trust the file length instead.
      if (size === 0 || size === 0xffffffff || offset + 8 + size > buf.length) size = buf.length - offset - 8;
      if (!byteRate) throw new Error(`${wavPath}: data chunk before fmt chunk`);
      return size / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${wavPath}: no data chunk`);
}

/** Sentences, and long sentences further at clause punctuation, joined back to at most ~MAX characters. */
function cues(text) {
  const MAX = lang.startsWith('zh') || lang === 'ja' ? 28 : 90;
  const sentences = text.match(/[^.!?。！？]+[.!?。！？]+["”’)）」』]*|[^.!?。！？]+$/g) ?? [text];
  const out = [];
  for (const raw of sentences) {
    const sentence = raw.trim();
    if (!sentence) continue;
    if (sentence.length <= MAX) {
      out.push(sentence);
      continue;
    }
    const clauses = [];
    for (const clause of sentence.match(/[^,;:，；：—]+[,;:，；：—]*/g) ?? [sentence]) {
      if (clause.trim().length <= MAX) {
        clauses.push(clause);
        continue;
      }
      // A clause still too long: break it at word boundaries (or, without spaces, every MAX characters).
      const words = /\s/.test(clause.trim()) ? clause.trim().split(/\s+/) : [...clause.trim()];
      const sep = /\s/.test(clause.trim()) ? ' ' : '';
      const target = Math.ceil(clause.trim().length / Math.ceil(clause.trim().length / MAX));
      let piece = '';
      for (const w of words) {
        if (piece && (piece + sep + w).length > target) {
          clauses.push(piece);
          piece = w;
        } else {
          piece = piece ? piece + sep + w : w;
        }
      }
      if (piece) clauses.push(piece);
    }
    let current = '';
    for (const clause of clauses) {
      const c = clause.trim();
      const joiner = /[\u3000-\u9fff\uff00-\uffef]$/.test(current) ? '' : ' ';
      if (current && (current + joiner + c).length > MAX) {
        out.push(current);
        current = c;
      } else {
        current = current ? current + joiner + c : c;
      }
    }
    if (current) out.push(current);
  }
  return out;
}

function stamp(seconds) {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

const duration = wavDuration(fs.readFileSync(wavPath));
const parts = cues(fs.readFileSync(txtPath, 'utf8'));
// Each cue's share of the time: its characters plus a small allowance for the pause after it.
const PAUSE = 6;
const weights = parts.map((p) => p.length + PAUSE);
const total = weights.reduce((a, b) => a + b, 0);
let t = 0;
const lines = ['WEBVTT', '', 'NOTE Placeholder captions for a synthetic voice; timed by character count.', ''];
parts.forEach((p, i) => {
  const start = t;
  const end = i === parts.length - 1 ? duration : t + (duration * weights[i]) / total;
  lines.push(String(i + 1), `${stamp(start)} --> ${stamp(end)}`, p, '');
  t = end;
});
fs.writeFileSync(vttPath, lines.join('\n'));
console.log(`${vttPath.replace(/.*\/media\//, 'media/')}  ${duration.toFixed(2)} s, ${parts.length} cues`);
NODE
  echo "$(echo "$ogg" | sed 's|.*/media/|media/|')  $(du -k "$ogg" | cut -f1) kB"

  SNIPPETS+="$id.yaml:
  narration:
    $LANG_TAG:
      audio: audio/$id.$LANG_TAG.ogg
      captions: audio/$id.$LANG_TAG.vtt
      placeholder: true
"
done <"$TMP/texts.tsv"

echo
echo "Add (or keep) in each diary file:"
printf '%s' "$SNIPPETS"
