//! Node ids on the control side: which ids are free, the engine's table
//! sizes, and the creation order (mirrored for listing streams).

use crate::engine::command::Command;

/// What creating `n` streams needs: their ids and any table growth.
pub(crate) struct Plan {
    pub ids: Vec<u32>,
    from_free: usize,
    grow_nodes: Option<usize>,
    grow_order: Option<usize>,
}

pub(crate) struct NodeAlloc {
    capacity: usize,
    order_capacity: usize,
    free: Vec<u32>,
    next: u32,
    owners: Vec<Option<(u32, u32)>>,
    order: Vec<u32>,
}

impl NodeAlloc {
    pub fn new(capacity: usize) -> Self {
        NodeAlloc {
            capacity,
            order_capacity: capacity,
            free: Vec::new(),
            next: 0,
            owners: Vec::new(),
            order: Vec::new(),
        }
    }

    /// Chooses ids for `n` new streams without changing anything.
    pub fn plan(&self, n: usize) -> Plan {
        let from_free = n.min(self.free.len());
        let mut ids: Vec<u32> = self.free.iter().rev().take(from_free).copied().collect();
        ids.extend((0..(n - from_free) as u32).map(|k| self.next + k));
        let highest = ids.iter().copied().max().map(|m| m as usize + 1).unwrap_or(0);
        let grow_nodes = (highest > self.capacity).then(|| highest.max(self.capacity * 2));
        let live = self.order.len() + n;
        let grow_order = (live > self.order_capacity).then(|| live.max(self.order_capacity * 2));
        Plan { ids, from_free, grow_nodes, grow_order }
    }

    /// The commands that grow the engine's tables for `plan` (sent first).
    pub fn grow_commands(&self, plan: &Plan) -> Vec<Command> {
        let mut cmds = Vec::new();
        if let Some(cap) = plan.grow_nodes {
            cmds.push(Command::GrowNodes(Vec::with_capacity(cap)));
        }
        if let Some(cap) = plan.grow_order {
            cmds.push(Command::GrowOrder(Vec::with_capacity(cap)));
        }
        cmds
    }

    /// Records a plan whose commands were sent; `owner` is (object slot).
    pub fn commit(&mut self, plan: &Plan, owner: u32) {
        self.free.truncate(self.free.len() - plan.from_free);
        let fresh = plan.ids.len() - plan.from_free;
        self.next += fresh as u32;
        if let Some(c) = plan.grow_nodes {
            self.capacity = c;
        }
        if let Some(c) = plan.grow_order {
            self.order_capacity = c;
        }
        for (k, &id) in plan.ids.iter().enumerate() {
            let i = id as usize;
            if self.owners.len() <= i {
                self.owners.resize(i + 1, None);
            }
            self.owners[i] = Some((owner, k as u32));
            self.order.push(id);
        }
    }

    pub fn release(&mut self, id: u32) {
        if let Some(o) = self.owners.get_mut(id as usize) {
            *o = None;
        }
        self.order.retain(|&x| x != id);
        self.free.push(id);
    }

    pub fn owner(&self, id: u32) -> Option<(u32, u32)> {
        self.owners.get(id as usize).copied().flatten()
    }

    /// Node ids in creation order (the engine's processing order).
    pub fn order(&self) -> &[u32] {
        &self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_ids_and_grows() {
        let mut a = NodeAlloc::new(2);
        let p = a.plan(2);
        assert_eq!(p.ids, vec![0, 1]);
        assert!(a.grow_commands(&p).is_empty());
        a.commit(&p, 7);
        let p = a.plan(1);
        assert_eq!(p.ids, vec![2]);
        assert_eq!(a.grow_commands(&p).len(), 2);
        a.commit(&p, 8);
        a.release(0);
        let p = a.plan(2);
        assert_eq!(p.ids, vec![0, 3]);
        assert!(a.grow_commands(&p).is_empty(), "capacity is 4 now");
        a.commit(&p, 9);
        assert_eq!(a.order(), &[1, 2, 0, 3]);
        assert_eq!(a.owner(3), Some((9, 1)));
    }
}
