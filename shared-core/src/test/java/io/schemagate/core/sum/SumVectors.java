package io.schemagate.core.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test vectors of rules.md §4.5, copied literally; each content's byte length is checked against the spec. */
final class SumVectors {

    record Vector(List<SumInput> files, String expected) {
    }

    private SumVectors() {
    }

    static SumInput file(String name, String content, int specLength) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        assertEquals(specLength, bytes.length, "byte length of " + name + " as given in the spec");
        return new SumInput(name, bytes);
    }

    static final String V1_DOWN = "DROP TABLE IF EXISTS t;";
    static final String V1_UP = "CREATE TABLE t(c int);";

    static Vector vector1() {
        return new Vector(List.of(
                file("1_initial.down.sql", V1_DOWN, 23),
                file("1_initial.up.sql", V1_UP, 22)),
                "h1:M74RrNK69S2pj6C541LR1ew5O32/i0WoyNgsJmyuiUk=\n"
                        + "1_initial.down.sql h1:0zypK43rgPbgvVUgVJABGN25VgM1QSeU+LJDBb8cEQI=\n"
                        + "1_initial.up.sql h1:hFhs5XhRml4KTWGF5td6h1s7xNqAFnaEBbC5Y/NF7i4=\n");
    }

    static Vector vector2() {
        return new Vector(List.of(
                file("1.a_sub.up.sql",
                        "-- create table \"t_sub\"\nCREATE TABLE t_sub(c int);\n-- add c1 column\nALTER TABLE t_sub ADD c1 int;",
                        97),
                file("2.10.x-20_description.sql", "-- add c2 column\nALTER TABLE t_sub ADD c2 int;", 46),
                file("3_partly.sql",
                        "-- add c3 column\nALTER TABLE t_sub ADD c3 int;\n-- add c4 column\nALTER TABLE t_sub ADD c4 int;",
                        93)),
                "h1:VpH77zWOBMwX5QhvnQo0XQvXCrOYZg4h1o0XlJTQnl0=\n"
                        + "1.a_sub.up.sql h1:nXyZR020M/mH7LxkoTkJr7BcQkipVg90imQ9I4595dw=\n"
                        + "2.10.x-20_description.sql h1:wQB3Vh3PHVXQg9OD3Gn7TBxbZN3r1Qb7TtAE1g3q9mQ=\n"
                        + "3_partly.sql h1:lHlMz6mEvBfvjry5lFXjs2vi6Et9xb9CWicaOXD42Qc=\n");
    }

    static Vector vector3() {
        return new Vector(List.of(
                file("1_first.sql", "create table `tbl_1` (`col` int);\n", 34),
                file("2_second.sql", "create table `tbl_2` (`col` int);\n", 34),
                file("3_checkpoint.sql",
                        "-- atlas:checkpoint\n\nCREATE TABLE `tbl_1` (`col` int);\nCREATE TABLE `tbl_2` (`col` int);\n",
                        89),
                file("4_fourth.sql", "create table `tbl_3` (`col` int);\n", 34),
                file("5_checkpoint.sql",
                        "-- atlas:checkpoint\n\nCREATE TABLE `tbl_1` (`col` int);\nCREATE TABLE `tbl_2` (`col` int);\n"
                                + "create table `tbl_3` (`col` int);\n",
                        123),
                file("6_sixth.sql", "CREATE TABLE `tbl_4` (`col` int);\n", 34)),
                "h1:POfbsH2G2GIXAZQ2CdPa5ufTxcLpcnperz/gX0Vw6Uk=\n"
                        + "1_first.sql h1:uJ2MyyeTqXx4rCqtRMQAvRrfsvdwmvsZ3LcadVvCdOc=\n"
                        + "2_second.sql h1:TLO00GtsqSi8o0ySoaofBqxemrElL8fHOs3IRnqYvB8=\n"
                        + "3_checkpoint.sql h1:LR4UjDYVtrRuHLN5GQwLAYnXrSf/iO70psY8hTmLmjw=\n"
                        + "4_fourth.sql h1:QvaneqKxg+3R+zNzCP/wW43XkECdHkUwEpxJKPICEP8=\n"
                        + "5_checkpoint.sql h1:syyuaJb/hoMRO7MJlv4AMhYqMCoSb8ZgcHENO8RqN3I=\n"
                        + "6_sixth.sql h1:JNhpyBtH7XKqGBNRHQ+AvM9IDpO08C3G/swWPHfLkfw=\n");
    }

    static Vector vector4() {
        return new Vector(List.of(
                file("1_a.sql", "CREATE TABLE t(c int);", 22),
                file("2_b.sql", "-- atlas:sum ignore\nSELECT 1;", 29),
                file("3_c.sql", "DROP TABLE t;\n", 14)),
                "h1:di/nzu+3xXKTSqZdT8gxqJeeHamfV1uv3Etm67Wn0LU=\n"
                        + "1_a.sql h1:c7nkEbVeZLyxah/aUvme8O5spxVB+GP98Y8VTK1jP0Q=\n"
                        + "3_c.sql h1:Bbtn70wyTkmN7vQ55srkWBOrUgaiGR8YbIIeRDfnv6U=\n");
    }

    static List<Vector> all() {
        return List.of(vector1(), vector2(), vector3(), vector4());
    }
}
