// emu_rig.ino: reference firmware for the emu-station rig line protocol, version 1
// (docs/rig-protocol.md). Not compiled by the station's build; a starting point for a lab's own
// rig. Written for a board with 16-bit PWM (e.g. Teensy 4.x: analogWriteResolution(16)); on an
// 8-bit AVR, shift levels right by 8 before analogWrite.
//
// Hardware assumed: NUM_CHANNELS constant-current LED drivers on PWM pins, an NTC on A0 for the
// LED heatsink, an opto-isolated shutter-release output on SHUTTER_PIN.

#include <Arduino.h>
#include <string.h>
#include <stdlib.h>

#define NUM_CHANNELS 4
#define MAX_LINE 1024            // bytes, terminator included (section 2)
#define SETTLE_MS 2000           // this rig's judgement of "stable" after a change (section 8)
#define OVERTEMP_C 70.0
#define SHUTTER_PIN 12

static const uint8_t CHANNEL_PINS[NUM_CHANNELS] = {3, 4, 5, 6};
static const char *MODEL = "LAB-LED-4";
static const char *FW = "1.0.0";
static const int MIN_VERSION = 1, MAX_VERSION = 1;

struct Preset { const char *name; uint16_t levels[NUM_CHANNELS]; };
// Calibrate these with a spectrometer: each is a named illuminant match for this LED set.
static const Preset PRESETS[] = {
  {"D65", {52000, 48000, 40000, 30000}},
  {"D50", {50000, 45000, 32000, 36000}},
  {"A",   {20000, 30000,  5000, 65535}},
};
static const int NUM_PRESETS = sizeof(PRESETS) / sizeof(PRESETS[0]);

static char line[MAX_LINE];
static size_t lineLen = 0;
static bool overflow = false;
static int negotiated = 0;              // 0 until HELLO (error 6 otherwise)
static uint16_t levels[NUM_CHANNELS];
static const char *preset = "-";
static uint16_t intensity = 10000;      // 1/100 %
static bool outputOn = false;
static bool awaitingReady = false;
static unsigned long changedAt = 0;
static unsigned long shutterUntil = 0;
static bool shutterActive = false;
static uint8_t faults = 0, reportedFaults = 0;  // bit 0 OVERTEMP, bit 1 CHANNEL, bit 2 SUPPLY, bit 3 FAN
static unsigned long onSince = 0;
static float hoursBefore = 0;           // persist in EEPROM in a real rig

// CRC-8/SMBUS: poly 0x07, init 0, no reflection, no final XOR (section 3).
static uint8_t crc8(const char *s, size_t n) {
  uint8_t crc = 0;
  for (size_t i = 0; i < n; i++) {
    crc ^= (uint8_t)s[i];
    for (int b = 0; b < 8; b++) crc = (crc & 0x80) ? (uint8_t)((crc << 1) ^ 0x07) : (uint8_t)(crc << 1);
  }
  return crc;
}

// Sends "<body>*HH\n".
static void sendLine(const char *body) {
  char tail[5];
  snprintf(tail, sizeof tail, "*%02X", crc8(body, strlen(body)));
  Serial.print(body);
  Serial.print(tail);
  Serial.print('\n');
}

static void reply(long seq, const char *data) {
  static char buf[MAX_LINE];
  if (data && *data) snprintf(buf, sizeof buf, "%ld OK %s", seq, data);
  else snprintf(buf, sizeof buf, "%ld OK", seq);
  sendLine(buf);
}

static void error(long seq, int code, const char *name, const char *detail) {
  char buf[160];
  if (detail && *detail) snprintf(buf, sizeof buf, "%ld ERR %d %s %s", seq, code, name, detail);
  else snprintf(buf, sizeof buf, "%ld ERR %d %s", seq, code, name);
  sendLine(buf);
}

static void faultList(uint8_t f, char *out, size_t n) {
  static const char *NAMES[] = {"OVERTEMP", "CHANNEL", "SUPPLY", "FAN"};
  out[0] = 0;
  if (!f) { strncpy(out, "NONE", n); return; }
  for (int i = 0; i < 4; i++) {
    if (f & (1 << i)) {
      if (out[0]) strncat(out, ",", n - strlen(out) - 1);
      strncat(out, NAMES[i], n - strlen(out) - 1);
    }
  }
}

// An unsigned decimal without leading zeros within [lo, hi]; -1 if not.
static long number(const char *s, long lo, long hi) {
  size_t n = strlen(s);
  if (n == 0 || n > 6 || (n > 1 && s[0] == '0')) return -1;
  for (size_t i = 0; i < n; i++) if (s[i] < '0' || s[i] > '9') return -1;
  long v = atol(s);
  return (v >= lo && v <= hi) ? v : -1;
}

static void applyOutput() {
  for (int i = 0; i < NUM_CHANNELS; i++) {
    uint32_t v = outputOn ? (uint32_t)levels[i] * intensity / 10000 : 0;
    analogWrite(CHANNEL_PINS[i], (int)v);
  }
}

static void changed() {
  applyOutput();
  awaitingReady = true;           // cleared before the OK goes out (section 8)
  changedAt = millis();
}

static float temperatureC() {
  // 10k NTC, beta 3950, against 10k to 3.3 V; replace with your sensor.
  float r = 10000.0f * analogRead(A0) / (1023.0f - analogRead(A0) + 0.001f);
  return 1.0f / (log(r / 10000.0f) / 3950.0f + 1.0f / 298.15f) - 273.15f;
}

static float hours() {
  return hoursBefore + (outputOn ? (millis() - onSince) / 3.6e6f : 0.0f);
}

static void handle(char *text) {
  // Split "<body>*HH"
  char *star = strrchr(text, '*');
  long seq = -1;
  {
    char *sp = strchr(text, ' ');
    char head[8] = {0};
    size_t hn = sp ? (size_t)(sp - text) : strlen(text);
    if (hn < sizeof head) { memcpy(head, text, hn); seq = number(head, 0, 65535); }
  }
  if (!star || strlen(star) != 3) { if (seq > 0) error(seq, 1, "BAD_CHECKSUM", ""); return; }
  if (strtol(star + 1, NULL, 16) != crc8(text, star - text)) { if (seq > 0) error(seq, 1, "BAD_CHECKSUM", ""); return; }
  *star = 0;
  if (seq <= 0) return;                   // events are never sent to the rig; unreadable seq: no answer
  char *argv[NUM_CHANNELS + 2];
  int argc = 0;
  strtok(text, " ");                       // the seq
  char *verb = strtok(NULL, " ");
  if (!verb) { error(seq, 2, "BAD_SYNTAX", ""); return; }
  char *tok;
  while ((tok = strtok(NULL, " ")) != NULL) {
    if (argc == NUM_CHANNELS + 2) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
    argv[argc++] = tok;
  }
  if (negotiated == 0 && strcmp(verb, "HELLO") != 0) { error(seq, 6, "HELLO_REQUIRED", ""); return; }
  char buf[256], flags[48];
  faultList(faults, flags, sizeof flags);

  if (!strcmp(verb, "HELLO")) {
    long v = argc == 1 ? number(argv[0], 1, 65535) : -1;
    if (v < 0) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
    if (v < MIN_VERSION) { snprintf(buf, sizeof buf, "%d-%d", MIN_VERSION, MAX_VERSION); error(seq, 7, "VERSION_UNSUPPORTED", buf); return; }
    negotiated = v < MAX_VERSION ? v : MAX_VERSION;
    reportedFaults = 0;                    // re-report current faults as an event
    snprintf(buf, sizeof buf, "%d", negotiated);
    reply(seq, buf);
  } else if (!strcmp(verb, "PING")) {
    if (argc) error(seq, 4, "BAD_ARGUMENT", verb); else reply(seq, "");
  } else if (!strcmp(verb, "ID")) {
    snprintf(buf, sizeof buf, "model=%s fw=%s channels=%d shutter=1", MODEL, FW, NUM_CHANNELS);
    if (argc) error(seq, 4, "BAD_ARGUMENT", verb); else reply(seq, buf);
  } else if (!strcmp(verb, "PRESETS")) {
    buf[0] = 0;
    for (int i = 0; i < NUM_PRESETS; i++) {
      if (i) strncat(buf, " ", sizeof buf - strlen(buf) - 1);
      strncat(buf, PRESETS[i].name, sizeof buf - strlen(buf) - 1);
    }
    if (argc) error(seq, 4, "BAD_ARGUMENT", verb); else reply(seq, buf);
  } else if (!strcmp(verb, "PRESET")) {
    if (argc != 1) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
    int p = -1;
    for (int i = 0; i < NUM_PRESETS; i++) if (!strcmp(PRESETS[i].name, argv[0])) p = i;
    if (p < 0) { error(seq, 5, "UNKNOWN_PRESET", argv[0]); return; }
    if (faults) { error(seq, 10, "FAULT", flags); return; }
    memcpy(levels, PRESETS[p].levels, sizeof levels);
    preset = PRESETS[p].name;
    changed();
    reply(seq, "");
  } else if (!strcmp(verb, "LEVELS")) {
    if (argc != NUM_CHANNELS) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
    uint16_t next[NUM_CHANNELS];
    for (int i = 0; i < NUM_CHANNELS; i++) {
      long v = number(argv[i], 0, 65535);
      if (v < 0) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
      next[i] = (uint16_t)v;
    }
    if (faults) { error(seq, 10, "FAULT", flags); return; }
    memcpy(levels, next, sizeof levels);
    preset = "-";
    changed();
    reply(seq, "");
  } else if (!strcmp(verb, "INTENSITY")) {
    long v = argc == 1 ? number(argv[0], 0, 10000) : -1;
    if (v < 0) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
    if (faults) { error(seq, 10, "FAULT", flags); return; }
    intensity = (uint16_t)v;
    changed();
    reply(seq, "");
  } else if (!strcmp(verb, "POWER")) {
    if (argc != 1 || (strcmp(argv[0], "ON") && strcmp(argv[0], "OFF"))) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
    bool on = !strcmp(argv[0], "ON");
    if (on && faults) { error(seq, 10, "FAULT", flags); return; }
    if (on && !outputOn) onSince = millis();
    if (!on && outputOn) hoursBefore = hours();
    outputOn = on;
    changed();
    reply(seq, "");
  } else if (!strcmp(verb, "STATUS")) {
    bool ready = !awaitingReady;
    char t[12], h[16];
    dtostrf(temperatureC(), 0, 1, t);
    dtostrf(hours(), 0, 3, h);
    snprintf(buf, sizeof buf, "ready=%d on=%d intensity=%u preset=%s temp=%s hours=%s faults=%s",
             ready, outputOn, intensity, preset, t, h, flags);
    if (argc) error(seq, 4, "BAD_ARGUMENT", verb); else reply(seq, buf);
  } else if (!strcmp(verb, "SHUTTER")) {
    long ms = argc == 1 ? number(argv[0], 1, 10000) : -1;
    if (ms < 0) { error(seq, 4, "BAD_ARGUMENT", verb); return; }
    if (shutterActive) { error(seq, 9, "BUSY", verb); return; }
    digitalWrite(SHUTTER_PIN, HIGH);
    shutterActive = true;
    shutterUntil = millis() + ms;
    reply(seq, "");
  } else {
    error(seq, 3, "UNKNOWN_COMMAND", verb);
  }
}

void setup() {
  Serial.begin(115200);                 // 8N1 is the default
  analogWriteResolution(16);
  for (int i = 0; i < NUM_CHANNELS; i++) pinMode(CHANNEL_PINS[i], OUTPUT);
  pinMode(SHUTTER_PIN, OUTPUT);
  digitalWrite(SHUTTER_PIN, LOW);
  applyOutput();
}

void loop() {
  while (Serial.available() > 0) {
    char c = (char)Serial.read();
    if (c == '\n') {
      if (lineLen > 0 && line[lineLen - 1] == '\r') lineLen--;
      line[lineLen] = 0;
      if (overflow) {
        long seq = number(strtok(line, " ") ? line : "", 1, 65535);
        if (seq > 0) error(seq, 11, "LINE_TOO_LONG", "");
      } else if (lineLen > 0) {
        handle(line);
      }
      lineLen = 0;
      overflow = false;
    } else if (lineLen < MAX_LINE - 1) {
      line[lineLen++] = c;
    } else {
      overflow = true;
    }
  }
  // Faults: over-temperature cuts the output (other sensors go here too).
  if (temperatureC() > OVERTEMP_C) { faults |= 1; if (outputOn) { outputOn = false; applyOutput(); } }
  else faults &= ~1;
  if (negotiated && faults != reportedFaults) {
    char buf[64], flags[48];
    faultList(faults, flags, sizeof flags);
    snprintf(buf, sizeof buf, "0 FAULT %s", flags);
    sendLine(buf);
    reportedFaults = faults;
  }
  if (negotiated && awaitingReady && millis() - changedAt >= SETTLE_MS) {
    awaitingReady = false;
    sendLine("0 READY");
  }
  if (shutterActive && (long)(millis() - shutterUntil) >= 0) {
    digitalWrite(SHUTTER_PIN, LOW);
    shutterActive = false;
  }
}
