//! Just enough of the protobuf wire format to write an ONNX model: each message is built field by
//! field, nested messages first.

#[derive(Default)]
pub struct Message(Vec<u8>);

const VARINT: u8 = 0;
const LENGTH_DELIMITED: u8 = 2;
const FIXED32: u8 = 5;

impl Message {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(bytes: usize) -> Self {
        Self(Vec::with_capacity(bytes))
    }

    /// An int32, int64 or enum field (negative numbers take ten bytes, as protobuf says).
    pub fn int(mut self, field: u32, value: i64) -> Self {
        self.key(field, VARINT);
        self.varint(value as u64);
        self
    }

    pub fn float(mut self, field: u32, value: f32) -> Self {
        self.key(field, FIXED32);
        self.0.extend_from_slice(&value.to_le_bytes());
        self
    }

    pub fn bytes(mut self, field: u32, value: &[u8]) -> Self {
        self.key(field, LENGTH_DELIMITED);
        self.varint(value.len() as u64);
        self.0.extend_from_slice(value);
        self
    }

    pub fn string(self, field: u32, value: &str) -> Self {
        self.bytes(field, value.as_bytes())
    }

    pub fn message(self, field: u32, value: &Message) -> Self {
        self.bytes(field, &value.0)
    }

    /// A nested message made of `head` and then one bytes field, without copying `last` twice:
    /// how a tensor carries its weights.
    pub fn message_ending_in(mut self, field: u32, head: &Message, last_field: u32, last: &[u8]) -> Self {
        let mut last_key = Message::new();
        last_key.key(last_field, LENGTH_DELIMITED);
        last_key.varint(last.len() as u64);
        self.key(field, LENGTH_DELIMITED);
        self.varint((head.0.len() + last_key.0.len() + last.len()) as u64);
        self.0.extend_from_slice(&head.0);
        self.0.extend_from_slice(&last_key.0);
        self.0.extend_from_slice(last);
        self
    }

    /// `head`'s fields, then this message as the nested field `field` of it: moves this message's bytes
    /// in place instead of copying them.
    pub fn nest_under(self, head: Message, field: u32) -> Vec<u8> {
        let mut prefix = head;
        prefix.key(field, LENGTH_DELIMITED);
        prefix.varint(self.0.len() as u64);
        let mut bytes = self.0;
        bytes.splice(0..0, prefix.0);
        bytes
    }

    #[cfg(test)]
    fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    fn key(&mut self, field: u32, wire_type: u8) {
        self.varint(u64::from(field) << 3 | u64::from(wire_type));
    }

    fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push(value as u8 | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }
}

#[cfg(test)]
mod tests {
    use super::Message;

    #[test]
    fn fields_are_encoded_as_protobuf_says() {
        // The examples of https://protobuf.dev/programming-guides/encoding/.
        assert_eq!(Message::new().int(1, 150).into_bytes(), [0x08, 0x96, 0x01]);
        assert_eq!(Message::new().string(2, "testing").into_bytes(), b"\x12\x07testing");
        assert_eq!(Message::new().int(1, -2).into_bytes(), [0x08, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
        assert_eq!(Message::new().float(2, 1.0).into_bytes(), [0x15, 0x00, 0x00, 0x80, 0x3f]);
        let inner = Message::new().int(1, 150);
        assert_eq!(Message::new().message(3, &inner).into_bytes(), [0x1a, 0x03, 0x08, 0x96, 0x01]);
        let whole = Message::new().int(1, 150).bytes(9, b"abc");
        let parts = Message::new().message_ending_in(5, &inner, 9, b"abc");
        assert_eq!(parts.into_bytes(), Message::new().message(5, &whole).into_bytes());
        let nested = inner.nest_under(Message::new().int(2, 7), 3);
        assert_eq!(nested, [0x10, 0x07, 0x1a, 0x03, 0x08, 0x96, 0x01]);
    }
}
