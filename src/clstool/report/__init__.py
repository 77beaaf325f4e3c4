"""The annual report: views built from the data, charts, rendering through templates."""
