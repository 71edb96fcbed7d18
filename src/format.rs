//! Numbers as a reader sees them, in one place for the reports, the window and the slides:
//! "8,062", "78%", "2.5", "1e300".

/// A number rounded to a whole one, with thousands separated: "8,062" (a minus sign stays
/// outside the groups).
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = if x < -0.5 {
        "-".to_owned()
    } else {
        String::new()
    };
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count (of full-time equivalents, of decisions a month) to one decimal, thousands
/// separated, with no needless ".0": "1,785.3", "12", "0.5".
pub fn fte(x: f64) -> String {
    let tenths = (x.abs() * 10.0).round();
    let whole = thousands((tenths / 10.0).trunc().copysign(x));
    let rest = tenths % 10.0;
    if rest == 0.0 {
        whole
    } else {
        format!("{whole}.{rest:.0}")
    }
}

/// A share (0–1) as a whole percentage: "78%".
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// "4", "2.5": a rate without needless decimals (at most two).
pub fn trim_number(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A number exactly as a person would write it back to them: 4, 0.3, 1e300, "not a number".
pub fn exact(x: f64) -> String {
    if !x.is_finite() {
        if x.is_nan() {
            "not a number".to_owned()
        } else {
            "infinite".to_owned()
        }
    } else if x.abs() >= 1e9 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// "1 layer", "3 layers".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(thousands(8062.4), "8,062");
        assert_eq!(thousands(-1234567.0), "-1,234,567");
        assert_eq!(thousands(999.6), "1,000");
        assert_eq!(percent(0.775), "78%");
        assert_eq!(trim_number(2.50), "2.5");
        assert_eq!(trim_number(4.0), "4");
        assert_eq!(exact(1e300), "1e300");
        assert_eq!(exact(f64::NAN), "not a number");
        assert_eq!(exact(0.3), "0.3");
        assert_eq!(count(1, "layer", "layers"), "1 layer");
        assert_eq!(count(3, "layer", "layers"), "3 layers");
        assert_eq!(fte(1785.3), "1,785.3");
        assert_eq!(fte(12.0), "12");
        assert_eq!(fte(0.5), "0.5");
        assert_eq!(fte(191_423.56), "191,423.6");
        assert_eq!(fte(2.96), "3");
    }
}
