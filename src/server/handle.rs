//! Object handles: generation-checked ids, so a stale handle is an error
//! and never a use-after-free.

/// A handle to an object of a server. Layout of the 64 bits:
/// server id (8) | server generation (16) | object slot (24) | object
/// generation (16). 0 is never a valid handle.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ObjectId {
    pub id: u64,
}

impl ObjectId {
    pub(crate) fn pack(server: u32, server_gen: u32, slot: u32, gen: u32) -> Self {
        ObjectId {
            id: ((server as u64 & 0xFF) << 56)
                | ((server_gen as u64 & 0xFFFF) << 40)
                | ((slot as u64 & 0xFF_FFFF) << 16)
                | (gen as u64 & 0xFFFF),
        }
    }

    pub(crate) fn server(self) -> u32 {
        (self.id >> 56) as u32
    }
    pub(crate) fn server_generation(self) -> u32 {
        ((self.id >> 40) & 0xFFFF) as u32
    }
    pub(crate) fn slot(self) -> u32 {
        ((self.id >> 16) & 0xFF_FFFF) as u32
    }
    pub(crate) fn generation(self) -> u32 {
        (self.id & 0xFFFF) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let h = ObjectId::pack(255, 0xABCD, 0x12_3456, 0xFFFF);
        assert_eq!((h.server(), h.server_generation(), h.slot(), h.generation()), (255, 0xABCD, 0x12_3456, 0xFFFF));
    }
}
