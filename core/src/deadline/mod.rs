//! Deadline phrases normalised into date windows (being written).
