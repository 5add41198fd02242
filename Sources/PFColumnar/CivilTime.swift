/// Calendar conversions for dates and timestamps (proleptic Gregorian, UTC).
public enum CivilTime {
    /// Year, month, day of a day count since 1970-01-01.
    public static func civil(fromDays z0: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Days since 1970-01-01 of a civil date.
    public static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`.
    public static func formatDate(days: Int64) -> String {
        let (y, m, d) = civil(fromDays: days)
        let ys = y < 0 ? "-" + String(-y).leftPad(4) : String(y).leftPad(4)
        return "\(ys)-\(String(m).leftPad(2))-\(String(d).leftPad(2))"
    }

    /// `HH:MM:SS[.fraction]` of a time of day in `unit` (fraction digits: 0/3/6/9).
    public static func formatTime(_ value: Int64, unit: TimeUnit) -> String {
        let per = unit.perSecond
        let secs = floorDiv(value, per)
        let frac = value - secs * per
        let s = Int(floorMod(secs, 86_400))
        var out = "\(String(s / 3600).leftPad(2)):\(String(s / 60 % 60).leftPad(2)):\(String(s % 60).leftPad(2))"
        let digits = fractionDigits(unit)
        if digits > 0 { out += "." + String(frac).leftPad(digits) }
        return out
    }

    /// `YYYY-MM-DD HH:MM:SS[.fraction]` of an instant since the epoch in `unit`.
    public static func formatTimestamp(_ value: Int64, unit: TimeUnit) -> String {
        let per = unit.perSecond
        let secs = floorDiv(value, per)
        let days = floorDiv(secs, 86_400)
        return formatDate(days: days) + " " + formatTime(value - days * 86_400 * per, unit: unit)
    }

    static func fractionDigits(_ u: TimeUnit) -> Int {
        switch u {
        case .second: return 0
        case .millisecond: return 3
        case .microsecond: return 6
        case .nanosecond: return 9
        }
    }

    /// Division rounding toward negative infinity.
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Remainder with the sign of the divisor.
    public static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
