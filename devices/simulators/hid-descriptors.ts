/**
 * Real-world-shaped HID report descriptors for the generic digitizer simulator and the parser
 * tests. Bytes are annotated item by item, as `hid-decode` or usb.org's HID tool would show them.
 */

/** A Wacom-like pen tablet (report ID 2): tip, barrel, eraser, invert, in range, X/Y 16-bit, pressure 0..1023. */
export const PEN_TABLET_DESCRIPTOR = Uint8Array.of(
  0x05,
  0x0d, //       Usage Page (Digitizer)
  0x09,
  0x02, //       Usage (Pen)
  0xa1,
  0x01, //       Collection (Application)
  0x85,
  0x02, //         Report ID (2)
  0x09,
  0x20, //         Usage (Stylus)
  0xa1,
  0x00, //         Collection (Physical)
  0x09,
  0x42, //           Usage (Tip Switch)
  0x09,
  0x44, //           Usage (Barrel Switch)
  0x09,
  0x45, //           Usage (Eraser)
  0x09,
  0x3c, //           Usage (Invert)
  0x09,
  0x32, //           Usage (In Range)
  0x15,
  0x00, //           Logical Minimum (0)
  0x25,
  0x01, //           Logical Maximum (1)
  0x75,
  0x01, //           Report Size (1)
  0x95,
  0x05, //           Report Count (5)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x95,
  0x03, //           Report Count (3)
  0x81,
  0x03, //           Input (Const)  — padding to a byte
  0x05,
  0x01, //           Usage Page (Generic Desktop)
  0x09,
  0x30, //           Usage (X)
  0x26,
  0x80,
  0x25, //     Logical Maximum (9600)
  0x35,
  0x00, //           Physical Minimum (0)
  0x46,
  0x80,
  0x25, //     Physical Maximum (9600)  — 96.00 mm
  0x75,
  0x10, //           Report Size (16)
  0x95,
  0x01, //           Report Count (1)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x09,
  0x31, //           Usage (Y)
  0x26,
  0x70,
  0x17, //     Logical Maximum (6000)
  0x46,
  0x70,
  0x17, //     Physical Maximum (6000)  — 60.00 mm
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x05,
  0x0d, //           Usage Page (Digitizer)
  0x09,
  0x30, //           Usage (Tip Pressure)
  0x26,
  0xff,
  0x03, //     Logical Maximum (1023)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0xc0, //               End Collection
  0xc0, //             End Collection
);

/** A single-finger touch screen, no report IDs, 12-bit X/Y packed across byte boundaries, no pressure. */
export const TOUCH_SCREEN_DESCRIPTOR = Uint8Array.of(
  0x05,
  0x0d, //       Usage Page (Digitizer)
  0x09,
  0x04, //       Usage (Touch Screen)
  0xa1,
  0x01, //       Collection (Application)
  0x09,
  0x22, //         Usage (Finger)
  0xa1,
  0x02, //         Collection (Logical)
  0x09,
  0x42, //           Usage (Tip Switch)
  0x09,
  0x32, //           Usage (In Range)
  0x15,
  0x00, //           Logical Minimum (0)
  0x25,
  0x01, //           Logical Maximum (1)
  0x75,
  0x01, //           Report Size (1)
  0x95,
  0x02, //           Report Count (2)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x75,
  0x06, //           Report Size (6)
  0x95,
  0x01, //           Report Count (1)
  0x81,
  0x03, //           Input (Const)
  0x09,
  0x51, //           Usage (Contact Identifier)
  0x25,
  0x7f, //           Logical Maximum (127)
  0x75,
  0x08, //           Report Size (8)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x05,
  0x01, //           Usage Page (Generic Desktop)
  0x09,
  0x30, //           Usage (X)
  0x09,
  0x31, //           Usage (Y)
  0x26,
  0xff,
  0x0f, //     Logical Maximum (4095)
  0x75,
  0x0c, //           Report Size (12)
  0x95,
  0x02, //           Report Count (2)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0xc0, //               End Collection
  0xc0, //             End Collection
);

/**
 * A composite device: a mouse (report ID 1, signed relative X/Y, Logical Minimum −127) and a pen
 * (report ID 3) whose switch bits are declared between Push and Pop, so its signed 16-bit X/Y reuse
 * the size, count and range that were current before the Push.
 */
export const COMPOSITE_PUSH_POP_DESCRIPTOR = Uint8Array.of(
  0x05,
  0x01, //       Usage Page (Generic Desktop)
  0x09,
  0x02, //       Usage (Mouse)
  0xa1,
  0x01, //       Collection (Application)
  0x85,
  0x01, //         Report ID (1)
  0x09,
  0x01, //         Usage (Pointer)
  0xa1,
  0x00, //         Collection (Physical)
  0x05,
  0x09, //           Usage Page (Button)
  0x19,
  0x01, //           Usage Minimum (1)
  0x29,
  0x03, //           Usage Maximum (3)
  0x15,
  0x00, //           Logical Minimum (0)
  0x25,
  0x01, //           Logical Maximum (1)
  0x95,
  0x03, //           Report Count (3)
  0x75,
  0x01, //           Report Size (1)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x95,
  0x01, //           Report Count (1)
  0x75,
  0x05, //           Report Size (5)
  0x81,
  0x03, //           Input (Const)
  0x05,
  0x01, //           Usage Page (Generic Desktop)
  0x09,
  0x30, //           Usage (X)
  0x09,
  0x31, //           Usage (Y)
  0x15,
  0x81, //           Logical Minimum (−127)
  0x25,
  0x7f, //           Logical Maximum (127)
  0x75,
  0x08, //           Report Size (8)
  0x95,
  0x02, //           Report Count (2)
  0x81,
  0x06, //           Input (Data, Var, Rel)
  0xc0, //               End Collection
  0xc0, //             End Collection
  0x05,
  0x0d, //       Usage Page (Digitizer)
  0x09,
  0x02, //       Usage (Pen)
  0xa1,
  0x01, //       Collection (Application)
  0x85,
  0x03, //         Report ID (3)
  0x09,
  0x20, //         Usage (Stylus)
  0xa1,
  0x00, //         Collection (Physical)
  0x16,
  0x00,
  0xc0, //     Logical Minimum (−16384)
  0x26,
  0xff,
  0x3f, //     Logical Maximum (16383)
  0x75,
  0x10, //           Report Size (16)
  0x95,
  0x02, //           Report Count (2)
  0xa4, //                 Push
  0x09,
  0x42, //           Usage (Tip Switch)
  0x09,
  0x32, //           Usage (In Range)
  0x15,
  0x00, //           Logical Minimum (0)
  0x25,
  0x01, //           Logical Maximum (1)
  0x75,
  0x01, //           Report Size (1)
  0x95,
  0x02, //           Report Count (2)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x95,
  0x06, //           Report Count (6)
  0x81,
  0x03, //           Input (Const)
  0xb4, //                 Pop  — back to 16-bit × 2, −16384..16383, Digitizer page
  0x05,
  0x01, //           Usage Page (Generic Desktop)
  0x09,
  0x30, //           Usage (X)
  0x09,
  0x31, //           Usage (Y)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0x05,
  0x0d, //           Usage Page (Digitizer)
  0x09,
  0x30, //           Usage (Tip Pressure)
  0x15,
  0x00, //           Logical Minimum (0)
  0x26,
  0xff,
  0x07, //     Logical Maximum (2047)
  0x95,
  0x01, //           Report Count (1)
  0x81,
  0x02, //           Input (Data, Var, Abs)
  0xc0, //               End Collection
  0xc0, //             End Collection
);
